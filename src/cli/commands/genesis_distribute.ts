/** `hypermesh genesis distribute`: writes the whitepaper's HYPER allocation into a home's genesis. */
import type { Command } from 'commander';
import { parseAmount } from '../../types/coins';
import {
  allocate,
  applyAllocation,
  CATEGORIES,
  FOUR_YEARS,
  monthsToSeconds,
  readRecipients,
  WHITEPAPER_SPLIT,
} from '../node/genesis_distribution';
import { readGenesis, writeGenesis } from '../node/genesis_file';
import { defaultHome, homePaths } from '../node/home';

export function registerGenesisDistribute(genesis: Command): void {
  genesis
    .command('distribute')
    .description(
      'add the HYPER allocation to genesis: community 40%, team and advisors 20% (vesting 4 years), foundation 25%, initial validators 10%, public sale 5%',
    )
    .requiredOption('--total <uhyper>', 'total uhyper to allocate, e.g. 1000000000000000 (1e9 HYPER)')
    .requiredOption('--recipients <file>', 'CSV (category,address,share) or JSON list; shares are % of the category and must add up to 100 per category')
    .option('--cliff-months <n>', 'team vesting cliff in months (0: continuous from genesis)', '12')
    .option('--vesting-years <n>', 'team vesting duration in years', '4')
    .option('--home <dir>', 'node home directory', defaultHome())
    .action((o) => {
      const paths = homePaths(o.home);
      const doc = readGenesis(paths.genesis);
      const total = parseAmount(String(o.total), '--total');
      const allocations = allocate(total, readRecipients(o.recipients));
      const start = BigInt(Math.floor(Date.parse(doc.genesis_time) / 1000));
      const years = Number(o.vestingYears);
      if (!(years > 0)) throw new Error('--vesting-years must be positive');
      const cliff = Number(o.cliffMonths);
      if (!(cliff >= 0)) throw new Error('--cliff-months must be a non-negative number');
      const vesting = { start, durationSeconds: (FOUR_YEARS * BigInt(Math.round(years * 1000))) / 4000n, cliffSeconds: monthsToSeconds(cliff) };
      applyAllocation(doc.app_state, allocations, vesting);
      writeGenesis(paths.genesis, doc);
      const lines = CATEGORIES.map((c) => {
        const sum = allocations.filter((a) => a.category === c).reduce((s, a) => s + a.amount, 0n);
        return `  ${c.padEnd(12)} ${WHITEPAPER_SPLIT[c].padStart(3)}%  ${sum} uhyper  (${allocations.filter((a) => a.category === c).length} recipients)`;
      });
      process.stdout.write(`allocated ${total} uhyper in ${paths.genesis}:\n${lines.join('\n')}\n`);
    });
}
