/**
 * Private keys from a BIP-39 seed: secp256k1 by BIP-32 (@scure/bip32, as cosmjs does through
 * its Slip10 secp256k1 code, which is the same algorithm), ed25519 by SLIP-10 (slip10.ts).
 */
import { HDKey } from '@scure/bip32';
import type { KeyAlgo } from '../pubkey';
import { keyringErrors } from './errors';
import { formatHdPath, HARDENED, parseHdPath } from './hd_path';
import { slip10Ed25519 } from './slip10';

export function derivePrivateKey(algo: KeyAlgo, seed: Uint8Array, hdPath: string): Uint8Array {
  const indices = parseHdPath(hdPath);
  switch (algo) {
    case 'secp256k1': {
      const key = HDKey.fromMasterSeed(seed).derive(formatHdPath(indices)).privateKey;
      if (!key) throw keyringErrors.InvalidHdPath(`no private key at ${hdPath}`);
      return key;
    }
    case 'ed25519':
      if (indices.some((i) => i < HARDENED)) {
        throw keyringErrors.InvalidHdPath(`${hdPath}: ed25519 keys (SLIP-10) need every level hardened, e.g. m/44'/118'/0'/0'/0'`);
      }
      return slip10Ed25519(seed, indices).privateKey;
    default:
      throw keyringErrors.UnsupportedAlgo(`unknown key algorithm ${JSON.stringify(algo)}`);
  }
}
