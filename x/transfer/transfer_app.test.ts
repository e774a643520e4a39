/**
 * MsgTransfer through the whole tx pipeline (in process): signed in both sign modes (amino JSON
 * uses cosmjs's `cosmos-sdk/MsgTransfer` converter, as `sendIbcTokens` from an amino wallet
 * does), refused with ibc-go's codes on bad input, with no state change.
 */
import { MsgTransfer } from 'cosmjs-types/ibc/applications/transfer/v1/tx';
import { CHAIN_ID, startTestApp, type TestApp } from '../../test/helpers/test_app';
import { registry, signTx, testKey, type TestKey } from '../../test/helpers/tx_builder';
import { accountAddresses } from '../../src/crypto/address';

const FEE = { amount: [{ denom: 'uhyper', amount: '100000' }], gas: '2000000' };
if (!registry.lookupType(MsgTransfer.typeUrl)) registry.register(MsgTransfer.typeUrl, MsgTransfer as never);

let app: TestApp;
let key: TestKey;
let seq = 0;

beforeAll(async () => {
  key = await testKey(1);
  app = await startTestApp([{ address: key.address, uhyper: 10n ** 12n }]);
  await app.block([]);
});
afterAll(async () => app?.close());

const transfer = (o: Partial<MsgTransfer> = {}) => ({
  typeUrl: MsgTransfer.typeUrl,
  value: MsgTransfer.fromPartial({
    sourcePort: 'transfer',
    sourceChannel: 'channel-0',
    token: { denom: 'uhyper', amount: '100' },
    sender: key.address,
    receiver: 'cosmos1receiver',
    timeoutTimestamp: 2_000_000_000_000_000_000n,
    ...o,
  }),
});

async function outcome(msg: ReturnType<typeof transfer>, mode: 'direct' | 'amino' = 'direct'): Promise<string> {
  const tx = await signTx(key, [msg] as never, { chainId: CHAIN_ID, accountNumber: 0, sequence: seq, fee: FEE, mode });
  const [r] = await app.block([tx]);
  // a message that fails in the block still pays and bumps the sequence; a stateless refusal does not
  seq = Number(app.keepers.auth.getAccount(app.app.readCtx(app.height), accountAddresses.decode(key.address))!.base.sequence);
  return r.code === 0 ? 'ok' : `${r.codespace}/${r.code}`;
}

test.each(['direct', 'amino'] as const)('a %s-signed MsgTransfer passes the ante; an unknown channel is channel/3', async (mode) => {
  expect(await outcome(transfer(), mode)).toBe('channel/3');
});

test.each([
  ['zero amount', { token: { denom: 'uhyper', amount: '0' } }, 'ibc/6'],
  ['bad denom', { token: { denom: '1x', amount: '5' } }, 'ibc/6'],
  ['ibc denom without a 64-hex hash', { token: { denom: 'ibc/XYZ', amount: '5' } }, 'transfer/3'],
  ['empty receiver', { receiver: ' ' }, 'ibc/5'],
  ['no timeout', { timeoutTimestamp: 0n }, 'transfer/2'],
  ['invalid channel id', { sourceChannel: 'c' }, 'host/2'],
  ['a voucher over an unknown channel (the channel is checked first, as ibc-go)', { token: { denom: `ibc/${'A'.repeat(64)}`, amount: '5' } }, 'channel/3'],
] as const)('refuses %s (%s)', async (_name, o, want) => {
  const balance = () => app.keepers.bank.getBalance(app.app.readCtx(app.height), accountAddresses.decode(key.address), 'uhyper');
  const before = balance();
  expect(await outcome(transfer(o as Partial<MsgTransfer>))).toBe(want);
  // at most the fee left the account: nothing was escrowed
  expect(before - balance() === 0n || before - balance() === 100000n).toBe(true);
});
