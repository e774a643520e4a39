/**
 * x/distribution and x/mint end to end on a real 4-validator localnet:
 * - a delegator's cosmjs `withdrawRewards` pays exactly what F1 predicts, computed here
 *   independently from the blocks: each block's minted amount (mint event), the previous block's
 *   fees (tx events) minus the burned fraction, every validator of the previous height's set
 *   with its power (CometBFT /validators: the decided last commit, present or absent), community
 *   tax, commission and the stake share;
 * - fee burning: supply after = supply before + minted − burned, burned = 20% of each block's
 *   fees, over a range of blocks with fee-paying txs;
 * - cosmjs's distribution and mint query extensions answer; invariants hold at every block.
 */
import { QueryClient, setupDistributionExtension, setupMintExtension, type StdFee } from '@cosmjs/stargate';
import { accountAddresses } from '../../src/crypto/address';
import { moduleAddress } from '../../src/crypto/module_address';
import { Dec } from '../../src/types/dec';
import { Localnet } from './helpers/localnet';
import { PinnedQuerier, watchInvariants } from './helpers/localnet_invariants';
import { rpcGet } from './helpers/devnet';

jest.setTimeout(600_000);

const FEE: StdFee = { amount: [{ denom: 'uhyper', amount: '5000' }], gas: '300000' };
const HYPER = 1_000_000n;
const FEE_COLLECTOR = accountAddresses.encode(moduleAddress('fee_collector'));

interface BlockFacts {
  height: number;
  minted: bigint;
  fees: bigint;
  burned: bigint;
  /** hex CometBFT address → power, of every vote in the block's last commit */
  votes: Map<string, bigint>;
}

const attr = (e: any, key: string): string | undefined => e.attributes.find((a: any) => a.key === key)?.value;
const uhyperOf = (s: string | undefined) => (s ? BigInt(/([0-9]+)uhyper/.exec(s)?.[1] ?? '0') : 0n);

async function blockFacts(net: Localnet, height: number): Promise<BlockFacts> {
  const results = await rpcGet(net.rpc(), `/block_results?height=${height}`);
  const events: any[] = results.finalize_block_events ?? [];
  const minted = events.filter((e) => e.type === 'mint').reduce((s, e) => s + BigInt(attr(e, 'amount') ?? '0'), 0n);
  const burned = events.filter((e) => e.type === 'burn' && attr(e, 'burner') === FEE_COLLECTOR).reduce((s, e) => s + uhyperOf(attr(e, 'amount')), 0n);
  let fees = 0n;
  for (const r of results.txs_results ?? []) for (const e of r.events ?? []) if (e.type === 'tx' && attr(e, 'fee') !== undefined) fees += uhyperOf(attr(e, 'fee'));
  // the decided last commit of block h lists every validator of the set at h − 1, present or absent
  // (an absent one has no address in /block's signatures), and SDK v0.50 rewards them all
  const votes = new Map<string, bigint>(
    ((await rpcGet(net.rpc(), `/validators?height=${height - 1}&per_page=100`)).validators as any[]).map((v) => [v.address, BigInt(v.voting_power)]),
  );
  return { height, minted, fees, burned, votes };
}

describe('distribution and mint on a 4-validator localnet', () => {
  let net: Localnet;
  let invariants: ReturnType<typeof watchInvariants>;

  beforeAll(async () => {
    net = await Localnet.start({ validators: 4 });
    invariants = watchInvariants(net.rpc(0));
  });
  afterAll(async () => {
    const res = await invariants?.stop();
    await net?.cleanup();
    if (res) {
      console.log(`invariants checked at ${res.checked.length} heights`);
      expect(res.broken).toEqual([]);
    }
  });

  test('withdrawRewards pays what F1 predicts from the blocks elapsed', async () => {
    const { client, address } = await net.signer('dev0');
    const val = 1;
    const delegated = 50n * HYPER;
    const d = await client.delegateTokens(address, net.valoper(val), { denom: 'uhyper', amount: String(delegated) }, FEE);
    expect(d.code).toBe(0);
    // let rewards accrue, with fee-paying traffic from another account
    const other = await net.signer('dev1');
    for (let i = 0; i < 5; i++) {
      expect((await other.client.sendTokens(other.address, address, [{ denom: 'uhyper', amount: '1' }], FEE)).code).toBe(0);
    }
    const before = BigInt((await client.getBalance(address, 'uhyper')).amount);
    const w = await client.withdrawRewards(address, net.valoper(val), FEE);
    expect(w.code).toBe(0);
    const paid = w.events.filter((e) => e.type === 'withdraw_rewards').reduce((s, e) => s + uhyperOf(e.attributes.find((a) => a.key === 'amount')!.value), 0n);

    // F1, independently: the validator's delegator rewards from the block after the delegation
    // through the withdrawal's block (its BeginBlock allocates before the tx runs)
    const q = new PinnedQuerier(await net.comet(), d.height);
    const v = (await q.validators()).find((x) => x.operatorAddress === net.valoper(val))!;
    const tokens = BigInt(v.tokens);
    const rate = Dec.fromProto(v.commission.commissionRates.rate);
    const target = net.cometAddress(val);
    let shared = Dec.ZERO;
    let prev = await blockFacts(net, d.height);
    for (let h = d.height + 1; h <= w.height; h++) {
      const facts = await blockFacts(net, h);
      expect(prev.burned).toBe((prev.fees * 2n) / 10n);
      const collected = Dec.fromInt(facts.minted + prev.fees - prev.burned);
      const total = [...facts.votes.values()].reduce((a, b) => a + b, 0n);
      const power = facts.votes.get(target) ?? 0n;
      const reward = collected.mulTruncate(Dec.ONE.sub(Dec.fromString('0.02'))).mulTruncate(Dec.fromInt(power).quoTruncate(Dec.fromInt(total)));
      const commission = reward.mul(rate);
      shared = shared.add(reward.sub(commission));
      prev = facts;
    }
    const predicted = shared.quoTruncate(Dec.fromInt(tokens)).mulTruncate(Dec.fromInt(delegated)).truncateInt();
    console.log(`F1: ${w.height - d.height} blocks, validator tokens ${tokens}, predicted ${predicted} uhyper, paid ${paid} uhyper`);
    expect(predicted).toBeGreaterThan(0n);
    expect(paid).toBe(predicted);
    expect(BigInt((await client.getBalance(address, 'uhyper')).amount)).toBe(before + paid - 5000n);
  });

  test('20% of every block’s fees are burned: supply after = supply before + minted − burned', async () => {
    const { client, address } = await net.signer('dev2');
    const from = await net.height();
    for (let i = 0; i < 6; i++) {
      expect((await client.sendTokens(address, net.account('dev3').address, [{ denom: 'uhyper', amount: '10' }], { amount: [{ denom: 'uhyper', amount: String(7777 + i) }], gas: '200000' })).code).toBe(0);
    }
    const to = await net.height();
    const comet = await net.comet();
    const supplyBefore = await new PinnedQuerier(comet, from).supply();
    const supplyAfter = await new PinnedQuerier(comet, to).supply();
    let minted = 0n;
    let burned = 0n;
    let fees = 0n;
    for (let h = from + 1; h <= to; h++) {
      const f = await blockFacts(net, h);
      expect(f.burned).toBe((f.fees * 2n) / 10n);
      minted += f.minted;
      burned += f.burned;
      fees += f.fees;
    }
    console.log(`blocks ${from + 1}..${to}: fees ${fees}, burned ${burned}, minted ${minted}; supply ${supplyBefore} → ${supplyAfter}`);
    expect(fees).toBeGreaterThanOrEqual(6n * 7777n);
    expect(burned).toBeGreaterThan(0n);
    expect(supplyAfter).toBe(supplyBefore + minted - burned);
  });

  test('cosmjs distribution and mint query extensions', async () => {
    const q = QueryClient.withExtensions(await net.comet(), setupDistributionExtension, setupMintExtension);
    const { address } = await net.signer('dev0');
    const total = await q.distribution.delegationTotalRewards(address);
    expect(total.rewards.map((r) => r.validatorAddress)).toContain(net.valoper(1));
    const pool = await q.distribution.communityPool();
    expect(pool.pool.length).toBe(1);
    const commission = await q.distribution.validatorCommission(net.valoper(0));
    expect(commission.commission?.commission[0].denom).toBe('uhyper');
    const params = await q.distribution.params();
    expect(params.params.communityTax).toBe(Dec.fromString('0.02').toProto());
    const inflation = await q.mint.inflation();
    expect(inflation.toFloatApproximation()).toBeGreaterThanOrEqual(0.07);
    expect(inflation.toFloatApproximation()).toBeLessThanOrEqual(0.2);
    const provisions = await q.mint.annualProvisions();
    expect(provisions.toFloatApproximation()).toBeGreaterThan(0);
    const mintParams = await q.mint.params();
    expect(mintParams.mintDenom).toBe('uhyper');
  });
});
