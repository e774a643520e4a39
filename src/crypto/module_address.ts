/**
 * Addresses of module accounts and of accounts derived from them, as the Cosmos SDK computes
 * them (types/address/hash.go), so that `fee_collector`, `distribution`, `gov`... have the same
 * bytes as on every SDK chain and tools that know those addresses keep working.
 */
import { sha256, sha256Truncated } from './hash';

const utf8 = new TextEncoder();

/**
 * `address.Module(name, ...derivationKeys)`: with no key, the legacy module address
 * SHA-256(name)[:20] (`authtypes.NewModuleAddress`); with keys, the 32-byte ADR-028 address
 * Hash("module", name || 0x00 || key0), then Derive(addr, key) for each further key.
 */
export function moduleAddress(name: string, ...derivationKeys: Uint8Array[]): Uint8Array {
  const nameBytes = utf8.encode(name);
  if (derivationKeys.length === 0) return sha256Truncated(nameBytes);
  // The zero byte keeps module "a" with key "bc" apart from module "ab" with key "c".
  let addr = addressHash('module', concat(nameBytes, Uint8Array.of(0), derivationKeys[0]!));
  for (const key of derivationKeys.slice(1)) addr = deriveAddress(addr, key);
  return addr;
}

/** ADR-028 `address.Hash(typ, key)` = SHA-256(SHA-256(typ) || key), 32 bytes. */
export function addressHash(typ: string | Uint8Array, key: Uint8Array): Uint8Array {
  const typBytes = typeof typ === 'string' ? utf8.encode(typ) : typ;
  return sha256(concat(sha256(typBytes), key));
}

/** ADR-028 `address.Derive(address, key)` = Hash(address bytes as the type, key). */
export function deriveAddress(address: Uint8Array, key: Uint8Array): Uint8Array {
  return addressHash(address, key);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
