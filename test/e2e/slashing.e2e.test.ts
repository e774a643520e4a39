/**
 * x/slashing end to end on a real 4-validator localnet: a stopped validator is jailed for
 * downtime, slashed 1% and leaves CometBFT's set while the others keep producing blocks; after a
 * restart and the jail time, MsgUnjail brings it back. A second node running another validator's
 * key double-signs: CometBFT's duplicate-vote evidence gets that validator slashed 5%, jailed and
 * tombstoned, and MsgUnjail is refused with slashing/4. Invariants hold at every block.
 */
import { QueryClient, setupSlashingExtension, setupStakingExtension, type StdFee } from '@cosmjs/stargate';
import { consensusAddresses } from '../../src/crypto/address';
import { Localnet } from './helpers/localnet';
import { watchInvariants } from './helpers/localnet_invariants';
import { rpcGet, waitFor } from './helpers/devnet';

jest.setTimeout(900_000);

const FEE: StdFee = { amount: [{ denom: 'uhyper', amount: '5000' }], gas: '300000' };
const STAKE = 100_000_000n;

describe('slashing on a 4-validator localnet', () => {
  let net: Localnet;
  let invariants: ReturnType<typeof watchInvariants>;
  let q: ReturnType<typeof QueryClient.withExtensions<ReturnType<typeof setupStakingExtension>, ReturnType<typeof setupSlashingExtension>>>;

  beforeAll(async () => {
    net = await Localnet.start({ validators: 4, signedBlocksWindow: 20, minSignedPerWindow: '0.5', downtimeJailDuration: '10s' });
    invariants = watchInvariants(net.rpc(0));
    q = QueryClient.withExtensions(await net.comet(0), setupStakingExtension, setupSlashingExtension);
  });
  afterAll(async () => {
    const res = await invariants?.stop();
    await net?.cleanup();
    if (res) {
      console.log(`invariants checked at ${res.checked.length} heights`);
      expect(res.broken).toEqual([]);
    }
  });

  const validator = async (i: number) => (await q.staking.validator(net.valoper(i))).validator;
  const inCometSet = async (i: number) => (await net.cometValidators()).get(net.cometAddress(i));
  const consAddr = (i: number) => consensusAddresses.encode(Buffer.from(net.cometAddress(i), 'hex'));
  const unjail = async (i: number) => {
    const { client, address } = await net.signer(`validator${i}`);
    return client.signAndBroadcast(address, [{ typeUrl: '/cosmos.slashing.v1beta1.MsgUnjail', value: { validatorAddr: net.valoper(i) } }], FEE);
  };

  test('a stopped validator is jailed, slashed 1% and leaves the set; after restart and jail time MsgUnjail brings it back', async () => {
    const t0 = Date.now();
    await net.waitForHeight(3);
    await net.stopNodes(3);
    const stoppedAt = await net.height();
    // the other three (75% of the power) keep producing blocks
    await net.waitForHeight(stoppedAt + 5, 0, 60_000);

    await waitFor(async () => (await validator(3)).jailed, 180_000, () => `validator 3 was not jailed (height ${stoppedAt} → ?)`);
    const jailed = await validator(3);
    expect(BigInt(jailed.tokens)).toBe(STAKE - STAKE / 100n);
    const info = (await q.slashing.signingInfo(consAddr(3))).valSigningInfo;
    expect(info.tombstoned).toBe(false);
    expect(info.missedBlocksCounter).toBe(0n);
    await waitFor(async () => (await inCometSet(3)) === undefined, 30_000, () => 'validator 3 still in /validators');
    const jailedAfter = (Date.now() - t0) / 1000;
    // the slash event says why
    const height = await net.height();
    let reason = '';
    for (let h = height; h > stoppedAt && !reason; h--) {
      const r = await rpcGet(net.rpc(), `/block_results?height=${h}`);
      const ev = (r.finalize_block_events ?? []).find((e: any) => e.type === 'slash' && e.attributes.some((a: any) => a.key === 'address' && a.value === consAddr(3)));
      if (ev) reason = ev.attributes.find((a: any) => a.key === 'reason').value;
    }
    expect(reason).toBe('missing_signature');

    await net.startNodes(3);
    // jail time is 10 s from the jailing block's time; CheckTx judges by the last block's time
    const until = Number(info.jailedUntil.seconds) * 1000 + info.jailedUntil.nanos / 1e6;
    const lastBlockTime = async () => new Date((await rpcGet(net.rpc(), '/status')).sync_info.latest_block_time).getTime();
    await waitFor(async () => (await lastBlockTime()) > until, 60_000, () => 'jail time did not pass');
    const res = await unjail(3);
    expect(res.code).toBe(0);
    expect((await validator(3)).jailed).toBe(false);
    await waitFor(async () => (await inCometSet(3)) === 99n, 30_000, () => 'validator 3 did not come back with power 99');
    console.log(`downtime: jailed ${jailedAfter.toFixed(1)} s after the stop; back in the set after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });

  test('double signing: duplicate-vote evidence tombstones the validator and slashes 5%; MsgUnjail is slashing/4', async () => {
    const t0 = Date.now();
    const before = BigInt((await validator(2)).tokens);
    const extra = await net.addDoubleSigner(2);
    expect(net.nodes[extra].validatorKeyOf).toBe('node2');
    await waitFor(async () => (await q.slashing.signingInfo(consAddr(2))).valSigningInfo.tombstoned, 300_000, () => `validator 2 was not tombstoned:\n${net.logTail(extra)}`);
    const v = await validator(2);
    expect(v.jailed).toBe(true);
    expect(BigInt(v.tokens)).toBe(before - before / 20n);
    const info = (await q.slashing.signingInfo(consAddr(2))).valSigningInfo;
    expect(info.jailedUntil.seconds).toBe(253402300799n);
    await waitFor(async () => (await inCometSet(2)) === undefined, 30_000, () => 'validator 2 still in /validators');
    // the evidence is in a block: DUPLICATE_VOTE for validator 2's key
    const height = await net.height();
    let found = false;
    for (let h = height; h > 1 && !found; h--) {
      const b = await rpcGet(net.rpc(), `/block?height=${h}`);
      found = (b.block.evidence.evidence ?? []).some((e: any) => e.type === 'tendermint/DuplicateVoteEvidence' && e.value.vote_a.validator_address === net.cometAddress(2));
    }
    expect(found).toBe(true);
    console.log(`double sign: tombstoned ${((Date.now() - t0) / 1000).toFixed(1)} s after the second signer started`);

    const refused = await net.checkTx('validator2', [{ typeUrl: '/cosmos.slashing.v1beta1.MsgUnjail', value: { validatorAddr: net.valoper(2) } }], FEE);
    expect([refused.codespace, refused.code]).toEqual(['slashing', 4]);
    // the network goes on with the other three
    const h = await net.height();
    await net.waitForHeight(h + 3, 0, 60_000);
  });
});
