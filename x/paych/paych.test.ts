/**
 * x/paych on the in-process app: a channel with a deposit; vouchers signed off chain by the payer's
 * account key (secp256k1, and ed25519) redeem cumulative amounts per lane; a lower or equal nonce,
 * a lower amount, a forged or cross-chain signature, more than the deposit and too many lanes are
 * refused with their codes and change nothing; settle starts the challenge window, a newer voucher
 * submitted during it wins over the stale one the payer settled with, nothing redeems after it,
 * collect pays the payee and returns the rest.
 */
import type { EncodeObject } from '@cosmjs/proto-signing';
import { GenesisState } from '../../src/gen/hypermesh/paych/v1/genesis';
import type { Voucher } from '../../src/gen/hypermesh/paych/v1/paych';
import { accountAddresses } from '../../src/crypto/address';
import { addressOf } from '../../src/crypto/pubkey';
import { publicKeyOf } from '../../src/crypto/sign';
import { paychTypes, signVoucher, verifyVoucher } from '../../src/sdk/paych';
import { CHAIN_ID, FEE, query, startTestApp, Signers, type TestApp } from '../../test/helpers/test_app';
import { registry, signEd25519Tx, signTx, type TestKey } from '../../test/helpers/tx_builder';
import { QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { toSdkJsonOf } from '../../src/codec/proto_json';
import { paychGenesis } from './genesis';
import { paychInvariants } from './invariants';
import type { PaychKeeper } from './keeper';
import { DEFAULT_PARAMS } from './params';

jest.setTimeout(60_000);
for (const [url, type] of paychTypes) if (!registry.lookupType(url)) registry.register(url, type);

const DELAY = 10n;
const DEPOSIT = 1_000_000n;
const msg = (typeUrl: string, value: object): EncodeObject => ({ typeUrl: `/hypermesh.paych.v1.${typeUrl}`, value });

async function setup(extra: { address: string; uhyper: bigint }[] = []) {
  const s0 = await Signers.create(undefined as never, 4);
  const t = await startTestApp([...s0.keys.map((k) => ({ address: k.address, uhyper: 1_000_000_000n })), ...extra], {
    genesis: { paych: toSdkJsonOf(GenesisState, GenesisState.fromPartial({ params: { ...DEFAULT_PARAMS, settleDelayBlocks: DELAY, maxLanes: 3 }, nextChannelId: 1n })) },
  });
  const keys = s0.keys;
  const tx = async (i: number, msgs: EncodeObject[]) => {
    const acc = t.height > 0 ? t.keepers.auth.getAccount(t.app.readCtx(t.height), accountAddresses.decode(keys[i].address))?.base : undefined;
    return signTx(keys[i], msgs, { chainId: CHAIN_ID, accountNumber: acc?.accountNumber ?? BigInt(i), sequence: acc?.sequence ?? 0n, fee: FEE });
  };
  const result = async (i: number, msgs: EncodeObject[]) => (await t.block([await tx(i, msgs)]))[0];
  const run = async (i: number, msgs: EncodeObject[]) => {
    const r = await result(i, msgs);
    if (r.code !== 0) throw new Error(`tx failed: ${r.codespace}/${r.code}: ${r.log}`);
    return r;
  };
  return { t, keys, k: t.keepers.paych as PaychKeeper, tx, result, run, ctx: () => t.app.readCtx(t.height) };
}

const balance = (t: TestApp, address: string) => BigInt(query(t, '/cosmos.bank.v1beta1.Query/Balance', QueryBalanceRequest, QueryBalanceResponse, { address, denom: 'uhyper' }).balance?.amount ?? '0');
const voucher = (key: TestKey, f: { channelId?: bigint; lane?: bigint; nonce: bigint; amount: bigint; minSettleHeight?: bigint }, chainId = CHAIN_ID): Voucher =>
  signVoucher({ algo: 'secp256k1', privateKey: key.privkey }, chainId, { channelId: f.channelId ?? 1n, lane: f.lane ?? 0n, nonce: f.nonce, amount: f.amount, minSettleHeight: f.minSettleHeight });

describe('payment channel: vouchers, challenge window, collect', () => {
  let x: Awaited<ReturnType<typeof setup>>;
  const [PAYER, PAYEE, OTHER] = [0, 1, 2];
  beforeAll(async () => {
    x = await setup();
    await x.run(PAYER, [msg('MsgCreateChannel', { payer: x.keys[PAYER].address, payee: x.keys[PAYEE].address, deposit: { denom: 'uhyper', amount: DEPOSIT.toString() } })]);
  });
  afterAll(async () => {
    await x?.t.close();
  });

  const update = (v: Voucher, who = PAYEE) => msg('MsgUpdateChannel', { sender: x.keys[who].address, voucher: v });
  const fingerprint = () => Buffer.from(GenesisState.encode(paychGenesis(x.k, accountAddresses).export(x.ctx())).finish()).toString('hex');

  test('the channel records the payer’s account key; a voucher verifies off chain under it', () => {
    const c = x.k.mustChannel(x.ctx(), 1n);
    expect(c).toMatchObject({ payer: x.keys[PAYER].address, payee: x.keys[PAYEE].address, deposit: DEPOSIT.toString(), redeemed: '0', settlingAt: 0n });
    expect(verifyVoucher(c.payerPubKey!, CHAIN_ID, voucher(x.keys[PAYER], { nonce: 1n, amount: 1n }))).toBe(true);
    expect(verifyVoucher(c.payerPubKey!, CHAIN_ID, voucher(x.keys[OTHER], { nonce: 1n, amount: 1n }))).toBe(false);
    expect(verifyVoucher(c.payerPubKey!, 'other-chain', voucher(x.keys[PAYER], { nonce: 1n, amount: 1n }))).toBe(false);
  });

  test('a voucher redeems the cumulative amount of its lane', async () => {
    await x.run(PAYEE, [update(voucher(x.keys[PAYER], { nonce: 5n, amount: 500n }))]);
    await x.run(PAYEE, [update(voucher(x.keys[PAYER], { nonce: 9n, amount: 800n }))]); // +300
    await x.run(PAYEE, [update(voucher(x.keys[PAYER], { lane: 7n, nonce: 1n, amount: 50n }))]); // another lane
    expect(x.k.mustChannel(x.ctx(), 1n)).toMatchObject({ redeemed: '850', lanes: 2 });
    expect(x.k.lanes(x.ctx(), 1n).map((l) => [l.lane, l.nonce, l.redeemed])).toEqual([[0n, 9n, '800'], [7n, 1n, '50']]);
    expect(paychInvariants(x.k, x.ctx())).toEqual([]);
  });

  test.each([
    ['a voucher with a lower nonce', () => voucher(x.keys[PAYER], { nonce: 8n, amount: 900n }), 5],
    ['a voucher with the same nonce', () => voucher(x.keys[PAYER], { nonce: 9n, amount: 900n }), 5],
    ['a voucher that lowers the lane’s amount', () => voucher(x.keys[PAYER], { nonce: 10n, amount: 799n }), 11],
    ['a forged signature (another key)', () => voucher(x.keys[OTHER], { nonce: 10n, amount: 900n }), 4],
    ['a voucher signed for another chain', () => voucher(x.keys[PAYER], { nonce: 10n, amount: 900n }, 'other-chain'), 4],
    ['a voucher whose amount was edited after signing', () => ({ ...voucher(x.keys[PAYER], { nonce: 10n, amount: 900n }), amount: '9000' }), 4],
    ['more than the deposit', () => voucher(x.keys[PAYER], { nonce: 10n, amount: DEPOSIT }), 6],
    ['a fourth lane (max 3)', () => voucher(x.keys[PAYER], { lane: 2n, nonce: 1n, amount: 1n }), 0],
  ])('%s is refused and changes nothing', async (_name, build, code) => {
    if (code === 0) {
      // fill the third lane first, then the fourth is one too many
      await x.run(PAYEE, [update(voucher(x.keys[PAYER], { lane: 1n, nonce: 1n, amount: 1n }))]);
      code = 10;
    }
    const before = fingerprint();
    const r = await x.result(PAYEE, [update(build())]);
    expect([r.codespace, r.code]).toEqual(['paych', code]);
    expect(fingerprint()).toBe(before);
  });

  test('only the parties may submit; a stranger is refused', async () => {
    const r = await x.result(OTHER, [update(voucher(x.keys[PAYER], { nonce: 20n, amount: 900n }), OTHER)]);
    expect([r.codespace, r.code]).toEqual(['sdk', 4]);
  });

  test('the stale-voucher attack: the payer settles with an old voucher; the payee’s newer one wins in the window', async () => {
    // the payer holds on to an old voucher of its own (nonce 12) and settles with it
    const stale = voucher(x.keys[PAYER], { nonce: 12n, amount: 820n });
    const newest = voucher(x.keys[PAYER], { nonce: 30n, amount: 990n });
    const s = await x.run(PAYER, [msg('MsgSettle', { sender: x.keys[PAYER].address, channelId: 1n, voucher: stale })]);
    expect(s.code).toBe(0);
    const settlingAt = x.k.mustChannel(x.ctx(), 1n).settlingAt;
    expect(settlingAt).toBe(BigInt(x.t.height) + DELAY);
    const early = await x.result(PAYEE, [msg('MsgCollect', { sender: x.keys[PAYEE].address, channelId: 1n })]);
    expect([early.codespace, early.code]).toEqual(['paych', 8]);
    const fund = await x.result(PAYER, [msg('MsgFundChannel', { payer: x.keys[PAYER].address, channelId: 1n, amount: { denom: 'uhyper', amount: '5' } })]);
    expect([fund.codespace, fund.code]).toEqual(['paych', 7]);
    const again = await x.result(PAYEE, [msg('MsgSettle', { sender: x.keys[PAYEE].address, channelId: 1n })]);
    expect([again.codespace, again.code]).toEqual(['paych', 9]);
    // within the window the payee submits its newest voucher; the stale one cannot come back
    await x.run(PAYEE, [update(newest)]);
    const replay = await x.result(PAYER, [update(stale, PAYER)]);
    expect([replay.codespace, replay.code]).toEqual(['paych', 5]);
    expect(x.k.mustChannel(x.ctx(), 1n).redeemed).toBe((990n + 50n + 1n).toString());
    while (BigInt(x.t.height) < settlingAt - 1n) await x.t.block([]);
    // the window is over at settling_at: no more vouchers
    const late = await x.result(PAYEE, [update(voucher(x.keys[PAYER], { nonce: 31n, amount: 995n }))]);
    expect([late.codespace, late.code]).toEqual(['paych', 7]);
    const payee = balance(x.t, x.keys[PAYEE].address);
    const payer = balance(x.t, x.keys[PAYER].address);
    const c = await x.run(PAYEE, [msg('MsgCollect', { sender: x.keys[PAYEE].address, channelId: 1n })]);
    expect(c.code).toBe(0);
    expect(balance(x.t, x.keys[PAYEE].address) - payee).toBe(1041n - 4000n);
    expect(balance(x.t, x.keys[PAYER].address) - payer).toBe(DEPOSIT - 1041n);
    expect(x.k.state.channels.get(x.ctx(), 1n)).toBeUndefined();
    expect(x.k.lanes(x.ctx(), 1n)).toEqual([]);
    expect(paychInvariants(x.k, x.ctx())).toEqual([]);
  });
});

describe('min settle height and ed25519 payers', () => {
  test('a voucher’s min_settle_height pushes the collect height back; an ed25519 account pays by vouchers too', async () => {
    const edPriv = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
    const edPub = publicKeyOf('ed25519', edPriv);
    const edAddr = addressOf(edPub);
    const x = await setup([{ address: edAddr, uhyper: 1_000_000_000n }]);
    try {
      const payee = x.keys[1].address;
      const create = signEd25519Tx(edPriv, [msg('MsgCreateChannel', { payer: edAddr, payee, deposit: { denom: 'uhyper', amount: '1000' } })], { chainId: CHAIN_ID, accountNumber: 4n, sequence: 0n, fee: FEE });
      const [r] = await x.t.block([create]);
      expect(r.code).toBe(0);
      const v = signVoucher({ algo: 'ed25519', privateKey: edPriv }, CHAIN_ID, { channelId: 1n, lane: 0n, nonce: 1n, amount: 600n, minSettleHeight: 1000n });
      expect(verifyVoucher(edPub, CHAIN_ID, v)).toBe(true);
      await x.run(1, [msg('MsgSettle', { sender: payee, channelId: 1n, voucher: v })]);
      expect(x.k.mustChannel(x.ctx(), 1n)).toMatchObject({ redeemed: '600', minSettleHeight: 1000n, settlingAt: 1000n });
    } finally {
      await x.t.close();
    }
  });
});
