/**
 * x/staking end to end on a real 4-validator localnet (`hypermesh localnet`, CometBFT v0.38):
 * every validator proposes; cosmjs `delegateTokens` raises the validator's power in CometBFT's
 * /validators; `undelegateTokens` pays back after the unbonding period (20 s); bad input gets the
 * SDK's codes and changes nothing; every module's invariants hold at every block.
 */
import type { StdFee } from '@cosmjs/stargate';
import { PubKey as Ed25519PubKey } from 'cosmjs-types/cosmos/crypto/ed25519/keys';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Localnet } from './helpers/localnet';
import { watchInvariants } from './helpers/localnet_invariants';
import { rpcGet, waitFor } from './helpers/devnet';

jest.setTimeout(600_000);

const FEE: StdFee = { amount: [{ denom: 'uhyper', amount: '5000' }], gas: '400000' };
const HYPER = 1_000_000n;

describe('staking on a 4-validator localnet', () => {
  let net: Localnet;
  let invariants: ReturnType<typeof watchInvariants>;
  const t0 = Date.now();

  beforeAll(async () => {
    net = await Localnet.start({ validators: 4, unbondingTime: '20s' });
    console.log(`localnet up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    invariants = watchInvariants(net.rpc(0));
  });
  afterAll(async () => {
    const res = await invariants?.stop();
    await net?.cleanup();
    if (res) {
      console.log(`invariants checked at ${res.checked.length} heights (${res.checked[0]}..${res.checked.at(-1)})`);
      expect(res.broken).toEqual([]);
      expect(res.checked.length).toBeGreaterThan(0);
    }
  });

  test('blocks are proposed by all four validators', async () => {
    const start = await net.height();
    await net.waitForHeight(start + 12);
    const proposers = new Set<string>();
    for (let h = start + 1; h <= start + 12; h++) {
      const b = await (await net.comet()).block(h);
      proposers.add(Buffer.from(b.block.header.proposerAddress).toString('hex').toUpperCase());
    }
    expect([...proposers].sort()).toEqual([0, 1, 2, 3].map((i) => net.cometAddress(i)).sort());
    const vals = await net.cometValidators();
    expect([...vals.values()]).toEqual([100n, 100n, 100n, 100n]);
    // HistoricalInfo (for IBC) carries the header's next_validators_hash as CometBFT computed it
    const { QueryClient, setupStakingExtension } = await import('@cosmjs/stargate');
    const q = QueryClient.withExtensions(await net.comet(), setupStakingExtension);
    for (const h of [start + 1, start + 5]) {
      const hist = await q.staking.historicalInfo(h);
      const block = await (await net.comet()).block(h);
      expect(Buffer.from(hist.hist!.header.nextValidatorsHash).toString('hex')).toBe(Buffer.from(block.block.header.nextValidatorsHash).toString('hex'));
      expect(hist.hist!.valset).toHaveLength(4);
    }
  });

  test('delegateTokens raises the validator power in /validators; undelegateTokens pays back after the unbonding period', async () => {
    const { client, address } = await net.signer('dev0');
    const target = net.valoper(1);
    const before = BigInt((await client.getBalance(address, 'uhyper')).amount);
    const res = await client.delegateTokens(address, target, { denom: 'uhyper', amount: String(7n * HYPER) }, FEE);
    expect(res.code).toBe(0);
    // EndBlock of the tx's block sends the update; CometBFT applies it two blocks later
    await waitFor(async () => (await net.cometValidators()).get(net.cometAddress(1)) === 107n, 30_000, () => 'power of validator 1 did not become 107');
    expect(BigInt((await client.getBalance(address, 'uhyper')).amount)).toBe(before - 7n * HYPER - 5000n);
    const d = await client.getDelegation(address, target);
    expect(d).toEqual({ denom: 'uhyper', amount: String(7n * HYPER) });

    const t = Date.now();
    const un = await client.undelegateTokens(address, target, { denom: 'uhyper', amount: String(7n * HYPER) }, FEE);
    expect(un.code).toBe(0);
    // changing a delegation withdraws its rewards first (x/distribution's hook), as in the SDK
    const withdrawn = un.events
      .filter((e) => e.type === 'withdraw_rewards')
      .map((e) => BigInt(/^([0-9]+)uhyper$/.exec(e.attributes.find((a) => a.key === 'amount')!.value)?.[1] ?? '0'))
      .reduce((a, b) => a + b, 0n);
    await waitFor(async () => (await net.cometValidators()).get(net.cometAddress(1)) === 100n, 30_000, () => 'power of validator 1 did not return to 100');
    // while unbonding: not paid yet
    const during = BigInt((await client.getBalance(address, 'uhyper')).amount);
    expect(during).toBe(before - 7n * HYPER - 10_000n + withdrawn);
    // the unbonding entry is visible to cosmjs's staking extension
    const { QueryClient, setupStakingExtension } = await import('@cosmjs/stargate');
    const q = QueryClient.withExtensions(await net.comet(), setupStakingExtension);
    const ubd = await q.staking.unbondingDelegation(address, target);
    expect(ubd.unbond?.entries[0].balance).toBe(String(7n * HYPER));
    const entry = ubd.unbond!.entries[0];
    const startBlock = await (await net.comet()).block(un.height);
    const blockSeconds = (b: { block: { header: { time: { getTime(): number } } } }) => b.block.header.time.getTime() / 1000;
    expect(Number(entry.completionTime.seconds) - Math.floor(blockSeconds(startBlock))).toBe(20);
    await waitFor(async () => BigInt((await client.getBalance(address, 'uhyper')).amount) === before - 10_000n + withdrawn, 60_000, () => 'undelegated tokens did not return');
    // paid in the first block whose time reached the completion time (complete_unbonding in its EndBlock)
    let paidAt = 0;
    for (let h = await net.height(); h > un.height && paidAt === 0; h--) {
      const r = await rpcGet(net.rpc(), `/block_results?height=${h}`);
      if ((r.finalize_block_events ?? []).some((e: any) => e.type === 'complete_unbonding' && e.attributes.some((a: any) => a.key === 'delegator' && a.value === address))) paidAt = h;
    }
    const paidBlock = await (await net.comet()).block(paidAt);
    const previous = await (await net.comet()).block(paidAt - 1);
    expect(blockSeconds(paidBlock)).toBeGreaterThanOrEqual(Number(entry.completionTime.seconds));
    expect(blockSeconds(previous)).toBeLessThan(Number(entry.completionTime.seconds) + entry.completionTime.nanos / 1e9);
    console.log(`unbonding paid at height ${paidAt}, ${(blockSeconds(paidBlock) - blockSeconds(startBlock)).toFixed(1)} s of block time after the undelegation (unbonding_time 20 s), ${((Date.now() - t) / 1000).toFixed(1)} s of wall time`);
  });

  describe('bad input gets its SDK code and changes nothing', () => {
    const cases: [string, (net: Localnet, address: string) => { typeUrl: string; value: unknown }, string, number][] = [
      ['delegate to a malformed validator address', (n, a) => ({ typeUrl: '/cosmos.staking.v1beta1.MsgDelegate', value: { delegatorAddress: a, validatorAddress: n.valoper(0).replace(/.{6}$/, 'qqqqqq'), amount: { denom: 'uhyper', amount: '1000' } } }), 'sdk', 7],
      [
        'delegate to an operator that has no validator',
        (n, a) => {
          const { validatorAddresses, accountAddresses } = require('../../src/crypto/address');
          return { typeUrl: '/cosmos.staking.v1beta1.MsgDelegate', value: { delegatorAddress: a, validatorAddress: validatorAddresses.encode(accountAddresses.decode(a)), amount: { denom: 'uhyper', amount: '1000' } } };
        },
        'staking',
        3,
      ],
      ['undelegate more than delegated', (n, a) => ({ typeUrl: '/cosmos.staking.v1beta1.MsgUndelegate', value: { delegatorAddress: a, validatorAddress: n.valoper(2), amount: { denom: 'uhyper', amount: String(2n * HYPER) } } }), 'sdk', 18],
      [
        'create a validator with a used consensus key',
        (n, a) => createValidator(n, a, readPubKey(n, 3), '100000000000000000'),
        'staking',
        5,
      ],
      ['create a validator with commission above its max', (n, a) => createValidator(n, a, new Uint8Array(randomBytes(32)), '500000000000000000'), 'staking', 11],
    ];

    test.each(cases)('%s', async (_name, make, codespace, code) => {
      const { client, address } = await net.signer('dev2');
      // dev2 has a small delegation to validator 2 (for the "more than delegated" case)
      if ((await client.getDelegation(address, net.valoper(2))) === null) {
        expect((await client.delegateTokens(address, net.valoper(2), { denom: 'uhyper', amount: String(HYPER) }, FEE)).code).toBe(0);
      }
      const balance = (await client.getBalance(address, 'uhyper')).amount;
      const seq = (await client.getSequence(address)).sequence;
      const res = await net.checkTx('dev2', [make(net, address)], FEE);
      expect([res.codespace, res.code]).toEqual([codespace, code]);
      // refused at CheckTx: no fee, no sequence bump, no state change
      expect((await client.getBalance(address, 'uhyper')).amount).toBe(balance);
      expect((await client.getSequence(address)).sequence).toBe(seq);
    });
  });
});

function readPubKey(net: Localnet, i: number): Uint8Array {
  const key = JSON.parse(fs.readFileSync(path.join(net.nodes[i].home, 'config', 'priv_validator_key.json'), 'utf8'));
  return new Uint8Array(Buffer.from(key.pub_key.value, 'base64'));
}

function createValidator(net: Localnet, address: string, key: Uint8Array, rate: string) {
  const { validatorAddresses, accountAddresses } = require('../../src/crypto/address');
  return {
    typeUrl: '/cosmos.staking.v1beta1.MsgCreateValidator',
    value: {
      description: { moniker: 'intruder', identity: '', website: '', securityContact: '', details: '' },
      commission: { rate, maxRate: '200000000000000000', maxChangeRate: '10000000000000000' },
      minSelfDelegation: '1',
      delegatorAddress: '',
      validatorAddress: validatorAddresses.encode(accountAddresses.decode(address)),
      pubkey: { typeUrl: '/cosmos.crypto.ed25519.PubKey', value: Ed25519PubKey.encode({ key }).finish() },
      value: { denom: 'uhyper', amount: '1000000' },
    },
  };
}
