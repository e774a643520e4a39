/**
 * The JSON document of one key (DIR/keyring-<backend>/NAME.json). Public fields are plain so
 * that `keys list` needs no passphrase; the private key is either sealed (backend `file`) or
 * plaintext base64 (backend `test`). Format version 1:
 *
 *   { "version": 1, "name": "alice", "algo": "secp256k1", "address": "hyper1...",
 *     "pubkey": "<base64>", "hd_path": "m/44'/118'/0'/0/0",            (absent for imports)
 *     "private_key": { "encoding": "encrypted", "kdf": "scrypt", "N": 65536, "r": 8, "p": 1,
 *                      "salt": "<hex>", "cipher": "xchacha20-poly1305", "nonce": "<hex>",
 *                      "ciphertext": "<base64>" } }
 *   or "private_key": { "encoding": "plaintext", "key": "<base64>" }
 */
import type { KeyAlgo } from '../pubkey';
import { CIPHER, KDF, type SealedSecret } from './encryption';
import { keyringErrors } from './errors';

export const KEY_FILE_VERSION = 1;

export type StoredPrivateKey =
  | { readonly encoding: 'plaintext'; readonly key: Uint8Array }
  | { readonly encoding: 'encrypted'; readonly sealed: SealedSecret };

export interface KeyRecord {
  readonly name: string;
  readonly algo: KeyAlgo;
  readonly pubkey: Uint8Array;
  readonly hdPath?: string;
  readonly privateKey: StoredPrivateKey;
}

/** Associated data of a key's ciphertext: binds it to the algorithm and public key. */
export function keyAad(algo: KeyAlgo, pubkey: Uint8Array): Uint8Array {
  return new TextEncoder().encode(`hypermesh-keyring-v1\n${algo}\n${Buffer.from(pubkey).toString('hex')}`);
}

export function serializeKeyRecord(record: KeyRecord, address: string): string {
  const pk = record.privateKey;
  const privateKey =
    pk.encoding === 'plaintext' ? { encoding: 'plaintext', key: b64(pk.key) } : { encoding: 'encrypted', ...sealedToJson(pk.sealed) };
  const doc = {
    version: KEY_FILE_VERSION,
    name: record.name,
    algo: record.algo,
    address,
    pubkey: b64(record.pubkey),
    ...(record.hdPath === undefined ? {} : { hd_path: record.hdPath }),
    private_key: privateKey,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Parses and validates a key file; `file` names it in errors (keyring/9). */
export function parseKeyRecord(text: string, file: string): KeyRecord {
  const bad = (what: string) => keyringErrors.CorruptKeyFile(`${file}: ${what}`);
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw keyringErrors.CorruptKeyFile(`${file}: not JSON`, e);
  }
  if (typeof doc !== 'object' || doc === null) throw bad('not a JSON object');
  if (doc.version !== KEY_FILE_VERSION) throw bad(`unsupported version ${JSON.stringify(doc.version)}`);
  const name = str(doc, 'name', bad);
  const algo = str(doc, 'algo', bad);
  if (algo !== 'secp256k1' && algo !== 'ed25519') throw bad(`unknown algo ${JSON.stringify(algo)}`);
  const pubkey = fromB64(str(doc, 'pubkey', bad), 'pubkey', bad);
  const hdPath = doc.hd_path === undefined ? undefined : str(doc, 'hd_path', bad);
  const pk = doc.private_key as Record<string, unknown> | undefined;
  if (typeof pk !== 'object' || pk === null) throw bad('missing private_key');
  let privateKey: StoredPrivateKey;
  if (pk.encoding === 'plaintext') {
    privateKey = { encoding: 'plaintext', key: fromB64(str(pk, 'key', bad), 'private_key.key', bad) };
  } else if (pk.encoding === 'encrypted') {
    privateKey = { encoding: 'encrypted', sealed: sealedFromJson(pk, bad) };
  } else {
    throw bad(`unknown private_key encoding ${JSON.stringify(pk.encoding)}`);
  }
  return { name, algo, pubkey, privateKey, ...(hdPath === undefined ? {} : { hdPath }) };
}

/** JSON fields of a sealed secret (also the body of the file keyring's `keyhash`). */
export function sealedToJson(sealed: SealedSecret): Record<string, string | number> {
  return {
    kdf: sealed.kdf,
    N: sealed.N,
    r: sealed.r,
    p: sealed.p,
    salt: hex(sealed.salt),
    cipher: sealed.cipher,
    nonce: hex(sealed.nonce),
    ciphertext: b64(sealed.ciphertext),
  };
}

export function sealedFromJson(o: Record<string, unknown>, bad: Bad): SealedSecret {
  if (o.kdf !== KDF || o.cipher !== CIPHER) throw bad(`unsupported encryption ${String(o.kdf)}/${String(o.cipher)}`);
  return {
    kdf: KDF,
    cipher: CIPHER,
    N: num(o, 'N', bad),
    r: num(o, 'r', bad),
    p: num(o, 'p', bad),
    salt: fromHex(str(o, 'salt', bad), 'salt', bad),
    nonce: fromHex(str(o, 'nonce', bad), 'nonce', bad),
    ciphertext: fromB64(str(o, 'ciphertext', bad), 'ciphertext', bad),
  };
}

export type Bad = (what: string) => Error;

function str(o: Record<string, unknown>, k: string, bad: Bad): string {
  const v = o[k];
  if (typeof v !== 'string') throw bad(`field ${k} is missing or not a string`);
  return v;
}

function num(o: Record<string, unknown>, k: string, bad: Bad): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw bad(`field ${k} is missing or not an integer`);
  return v;
}

function fromB64(s: string, field: string, bad: Bad): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw bad(`field ${field} is not base64`);
  return new Uint8Array(Buffer.from(s, 'base64'));
}

function fromHex(s: string, field: string, bad: Bad): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(s)) throw bad(`field ${field} is not hex`);
  return new Uint8Array(Buffer.from(s, 'hex'));
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
