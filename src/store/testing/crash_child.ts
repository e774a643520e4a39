/**
 * Child process of the crash test: commits large versions in a loop until killed, telling the
 * parent the version and app hash it is about to commit and when each commit returned.
 * Block v writes keys blockKey(v, i) -> `v:i` for i < perBlock.
 */
import { RootMultiStore } from '../root_multistore';
import { blockKey, CRASH_STORES } from './crash_keys';

async function main(): Promise<void> {
  const [dir, perBlockArg] = process.argv.slice(3);
  const perBlock = Number(perBlockArg);
  const ms = await RootMultiStore.open({
    path: dir,
    storeNames: CRASH_STORES,
    pruning: { strategy: 'custom', keepRecent: 2, interval: 1 },
  });
  for (;;) {
    const version = ms.lastCommitId().version + 1;
    for (let i = 0; i < perBlock; i++) {
      ms.working(CRASH_STORES[i % 2]).set(blockKey(version, i), Buffer.from(`${version}:${i}`));
    }
    const hash = Buffer.from(ms.workingHash()).toString('hex');
    process.send!({ phase: 'committing', version, hash });
    await ms.commit();
    process.send!({ phase: 'committed', version, hash });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
