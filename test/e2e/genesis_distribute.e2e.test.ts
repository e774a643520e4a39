/**
 * `hypermesh genesis distribute` on a real devnet: the allocation lands in genesis, the chain
 * starts with it, team tokens are locked by vesting, the community share sits in the community
 * pool, and totals match exactly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createProtobufRpcClient, QueryClient, setupBankExtension, setupDistributionExtension } from '@cosmjs/stargate';
import { QueryClientImpl as BankQuery } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { Comet38Client } from '@cosmjs/tendermint-rpc';
import { accountAddresses } from '../../src/crypto/address';
import { cli, createDevnet, waitForHeight, type Devnet } from './helpers/devnet';

jest.setTimeout(120_000);

const addr = (i: number) => accountAddresses.encode(new Uint8Array(20).fill(i));

describe('genesis distribute', () => {
  let net: Devnet;
  afterAll(async () => net?.cleanup());

  test('refuses shares that do not add up, then allocates and the chain runs with it', async () => {
    net = await createDevnet();
    const csv = path.join(net.home, 'recipients.csv');
    const rows = [
      ['community', 'community-pool', '80'],
      ['community', addr(1), '20'],
      ['team', addr(2), '100'],
      ['foundation', addr(3), '100'],
      ['validators', addr(4), '100'],
      ['public_sale', addr(5), '100'],
    ];
    fs.writeFileSync(csv, ['category,address,share', ...rows.map((r) => r.join(','))].join('\n'));
    const bad = path.join(net.home, 'bad.csv');
    fs.writeFileSync(bad, ['category,address,share', ...rows.map((r) => (r[1] === addr(3) ? [r[0], r[1], '90'] : r).join(','))].join('\n'));
    const genesisBefore = fs.readFileSync(path.join(net.home, 'config', 'genesis.json'), 'utf8');
    await expect(cli(['genesis', 'distribute', '--home', net.home, '--total', '1000000000', '--recipients', bad])).rejects.toThrow(/foundation add up to 90%/);
    expect(fs.readFileSync(path.join(net.home, 'config', 'genesis.json'), 'utf8')).toBe(genesisBefore);

    const { stdout } = await cli(['genesis', 'distribute', '--home', net.home, '--total', '1000000000', '--recipients', csv, '--cliff-months', '12']);
    expect(stdout).toMatch(/allocated 1000000000 uhyper/);
    await net.start();
    await waitForHeight(net.rpc, 2);

    const comet = await Comet38Client.connect(net.rpc);
    const q = QueryClient.withExtensions(comet, setupBankExtension, setupDistributionExtension);
    try {
      expect((await q.bank.balance(addr(2), 'uhyper')).amount).toBe('200000000');
      // all of the team grant is locked before the cliff
      const bank = new BankQuery(createProtobufRpcClient(q));
      const spendable = await bank.SpendableBalances({ address: addr(2) });
      expect(spendable.balances.find((c) => c.denom === 'uhyper')?.amount ?? '0').toBe('0');
      expect((await q.bank.balance(addr(3), 'uhyper')).amount).toBe('250000000');
      expect((await q.bank.balance(addr(5), 'uhyper')).amount).toBe('50000000');
      const pool = await q.distribution.communityPool();
      const poolUhyper = BigInt(pool.pool.find((c) => c.denom === 'uhyper')!.amount) / 10n ** 18n;
      expect(poolUhyper).toBeGreaterThanOrEqual(320_000_000n); // 80% of the community 40%, plus fees since genesis
    } finally {
      comet.disconnect();
    }
  });
});
