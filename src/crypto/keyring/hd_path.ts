/**
 * BIP-32/44 derivation paths. Accounts use the Cosmos Hub path m/44'/118'/0'/0/0 (coin type
 * 118), as cosmjs `makeCosmoshubPath(0)`, Keplr and `gaiad keys add` do, so a mnemonic gives the
 * same secp256k1 address everywhere. ed25519 keys follow SLIP-10, which only defines hardened
 * derivation for ed25519: the same path with every level hardened, m/44'/118'/0'/0'/0'.
 */
import type { KeyAlgo } from '../pubkey';
import { keyringErrors } from './errors';

export const COSMOS_COIN_TYPE = 118;
export const HARDENED = 0x80000000;

/** The default path of `algo` for an account and address index (both 0 by default). */
export function defaultHdPath(algo: KeyAlgo, account = 0, index = 0): string {
  for (const [what, v] of [['account', account], ['index', index]] as const) {
    if (!Number.isInteger(v) || v < 0 || v >= HARDENED) throw keyringErrors.InvalidHdPath(`${what} ${v} is not in [0, 2^31)`);
  }
  return algo === 'ed25519'
    ? `m/44'/${COSMOS_COIN_TYPE}'/${account}'/0'/${index}'`
    : `m/44'/${COSMOS_COIN_TYPE}'/${account}'/0/${index}`;
}

/** Child indices of `path` ("m/44'/118'/0'/0/0"), hardened ones with HARDENED added. */
export function parseHdPath(path: string): number[] {
  if (typeof path !== 'string') throw keyringErrors.InvalidHdPath('path is not a string');
  const parts = path.split('/');
  if (parts[0] !== 'm') throw keyringErrors.InvalidHdPath(`${JSON.stringify(path)} does not start with "m"`);
  return parts.slice(1).map((p) => {
    const m = /^(\d+)(['hH]?)$/.exec(p);
    const n = m ? Number(m[1]) : NaN;
    if (!m || !Number.isSafeInteger(n) || n >= HARDENED) {
      throw keyringErrors.InvalidHdPath(`${JSON.stringify(path)}: bad segment ${JSON.stringify(p)}`);
    }
    return m[2] ? n + HARDENED : n;
  });
}

/** The canonical text of indices, with ' for hardened levels. */
export function formatHdPath(indices: readonly number[]): string {
  return ['m', ...indices.map((i) => (i >= HARDENED ? `${i - HARDENED}'` : String(i)))].join('/');
}
