/** Where the CometBFT binary is: $COMETBFT_BIN, then bin/cometbft of this package, then PATH. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const COMETBFT_VERSION = '0.38.26';

export function packageRoot(): string {
  // dist/src/cli/node → repo root, or src/cli/node when run from sources (tests)
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('cannot find the hypermesh package root');
    dir = up;
  }
  return dir;
}

export function cometbftBinary(): string {
  const fromEnv = process.env.COMETBFT_BIN;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`COMETBFT_BIN=${fromEnv} does not exist`);
    return fromEnv;
  }
  const local = path.join(packageRoot(), 'bin', 'cometbft');
  if (fs.existsSync(local)) return local;
  try {
    execFileSync('cometbft', ['version'], { stdio: 'ignore' });
    return 'cometbft';
  } catch {
    throw new Error('CometBFT not found: run `bash scripts/install-cometbft.sh` (needs Go >= 1.22) or set COMETBFT_BIN');
  }
}
