/** The package version, read once from package.json. */
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from './node/cometbft_binary';

export const VERSION: string = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version;
