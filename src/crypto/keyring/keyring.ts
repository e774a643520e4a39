/**
 * The keyring: named keys on disk, as the Cosmos SDK keyring with its `file` and `test`
 * backends. The `hypermesh keys` commands are built on this API; nothing here prompts or prints.
 *
 * - `file`: DIR/keyring-file/, each private key sealed with the keyring passphrase (scrypt +
 *   XChaCha20-Poly1305); `keyhash` holds a sealed check value so a mistyped passphrase is caught
 *   before a new key is written with it. The passphrase is asked through `options.passphrase`
 *   once and kept in memory until `lock()`.
 * - `test`: DIR/keyring-test/, private keys in plaintext. For tests and localnets only: anyone
 *   who can read the files owns the keys.
 */
import * as path from 'node:path';
import { sdk } from '../../types/errors';
import { addressCodec, ACCOUNT_PREFIX, type AddressCodec } from '../address';
import { decode as bech32Decode } from '../bech32';
import { addressBytesOf, KEY_ALGOS, type KeyAlgo, type PubKey } from '../pubkey';
import { checkPrivateKey, publicKeyOf } from '../sign';
import { armorHeader, decodeArmor, encodeArmor } from './armor';
import { derivePrivateKey } from './derive';
import { DEFAULT_SCRYPT, open, seal, type ScryptParams } from './encryption';
import { keyringErrors } from './errors';
import { defaultHdPath } from './hd_path';
import { KeyDir } from './key_dir';
import { keyAad, parseKeyRecord, sealedFromJson, sealedToJson, serializeKeyRecord, type KeyRecord } from './key_file';
import { checkMnemonic, DEFAULT_MNEMONIC_WORDS, generateMnemonic, mnemonicToSeed, type MnemonicLength } from './mnemonic';
import { checkKeyName } from './names';
import { KeyringSigner } from './signer';

export type KeyringBackend = 'file' | 'test';
export const KEYRING_BACKENDS: readonly KeyringBackend[] = ['file', 'test'];
/** As the SDK's passphrase prompt: new keyring passphrases and export passphrases. */
export const MIN_PASSPHRASE_LENGTH = 8;
export const ARMOR_BLOCK_TYPE = 'HYPERMESH PRIVATE KEY';

export interface PassphraseRequest {
  /** 'new': the file keyring has no passphrase yet, choose one (ask twice); 'unlock': enter it. */
  readonly reason: 'new' | 'unlock';
  /** The backend's directory, e.g. ~/.hypermesh/keyring-file. */
  readonly dir: string;
  /** The key about to be decrypted, when there is one. */
  readonly keyName?: string;
}

export interface OpenKeyringOptions {
  /** Home directory; keys live in DIR/keyring-<backend>/. */
  readonly dir: string;
  readonly backend: KeyringBackend;
  /** Asked when the `file` backend needs its passphrase; unused by `test`. */
  readonly passphrase?: (request: PassphraseRequest) => Promise<string>;
  /** Bech32 prefix of account addresses (default "hyper"). */
  readonly addressPrefix?: string;
  /** scrypt cost for newly sealed keys (default N=2^16, r=8, p=1). Tests lower it. */
  readonly scrypt?: ScryptParams;
}

/** The public part of a key: what `keys list` / `keys show` print. */
export interface KeyInfo {
  readonly name: string;
  readonly algo: KeyAlgo;
  /** Account address, `hyper1...`. */
  readonly address: string;
  /** Raw public key: 33-byte compressed secp256k1 or 32-byte ed25519. */
  readonly pubkey: Uint8Array;
  /** Derivation path, for keys made from a mnemonic. */
  readonly hdPath?: string;
}

export interface AddKeyOptions {
  /** Default secp256k1. */
  readonly algo?: KeyAlgo;
  /** Recover from this mnemonic; a new one is generated when absent. */
  readonly mnemonic?: string;
  /** Length of a generated mnemonic (default 24). */
  readonly words?: MnemonicLength;
  /** BIP-39 passphrase ("25th word"), default empty as in cosmjs and the SDK. */
  readonly bip39Passphrase?: string;
  /** Account and address index of the default path (both 0). */
  readonly account?: number;
  readonly index?: number;
  /** A full path instead; ed25519 paths must be hardened at every level. */
  readonly hdPath?: string;
}

export interface AddedKey extends KeyInfo {
  /** The mnemonic, generated or given (normalized): shown once, never stored. */
  readonly mnemonic: string;
}

/** Opens (creating it if needed) the keyring of `backend` under `dir`. */
export async function openKeyring(options: OpenKeyringOptions): Promise<Keyring> {
  if (!KEYRING_BACKENDS.includes(options.backend)) {
    throw keyringErrors.UnsupportedBackend(`backend ${JSON.stringify(options.backend)}; use one of ${KEYRING_BACKENDS.join(', ')}`);
  }
  return Keyring.open(options);
}

const KEYHASH_FILE = 'keyhash';
const KEYHASH_PLAINTEXT = new TextEncoder().encode('hypermesh keyring passphrase check');
const KEYHASH_AAD = new TextEncoder().encode('hypermesh-keyhash-v1');
const armorAad = (algo: string) => new TextEncoder().encode(`hypermesh-armor-v1\n${algo}`);

export class Keyring {
  readonly backend: KeyringBackend;
  /** The backend's directory: DIR/keyring-<backend>. */
  readonly dir: string;
  private readonly keyDir: KeyDir;
  private readonly codec: AddressCodec;
  private readonly scrypt: ScryptParams;
  private readonly askPassphrase?: (request: PassphraseRequest) => Promise<string>;
  private passphrase: string | undefined;

  /** Same as `openKeyring`. */
  static async open(options: OpenKeyringOptions): Promise<Keyring> {
    const keyring = new Keyring(options);
    await keyring.keyDir.ensure();
    return keyring;
  }

  private constructor(options: OpenKeyringOptions) {
    this.backend = options.backend;
    this.dir = path.join(options.dir, `keyring-${options.backend}`);
    this.keyDir = new KeyDir(this.dir);
    this.codec = addressCodec(options.addressPrefix ?? ACCOUNT_PREFIX);
    this.scrypt = options.scrypt ?? DEFAULT_SCRYPT;
    this.askPassphrase = options.passphrase;
  }

  /** Creates a key from a new (or the given) mnemonic. Throws keyring/3 if the name is taken. */
  async add(name: string, options: AddKeyOptions = {}): Promise<AddedKey> {
    checkKeyName(name);
    const algo = options.algo ?? 'secp256k1';
    if (!KEY_ALGOS.includes(algo)) throw keyringErrors.UnsupportedAlgo(`${JSON.stringify(algo)}; use secp256k1 or ed25519`);
    await this.assertNameFree(name);
    const mnemonic =
      options.mnemonic === undefined ? generateMnemonic(options.words ?? DEFAULT_MNEMONIC_WORDS) : checkMnemonic(options.mnemonic);
    const hdPath = options.hdPath ?? defaultHdPath(algo, options.account ?? 0, options.index ?? 0);
    const privateKey = derivePrivateKey(algo, mnemonicToSeed(mnemonic, options.bip39Passphrase ?? ''), hdPath);
    const info = await this.store(name, algo, privateKey, hdPath);
    privateKey.fill(0);
    return { ...info, mnemonic };
  }

  /** Stores a raw 32-byte private key (secp256k1 scalar or ed25519 seed), like `keys import-hex`. */
  async importPrivateKey(name: string, algo: KeyAlgo, privateKey: Uint8Array): Promise<KeyInfo> {
    checkKeyName(name);
    if (!KEY_ALGOS.includes(algo)) throw keyringErrors.UnsupportedAlgo(`${JSON.stringify(algo)}; use secp256k1 or ed25519`);
    await this.assertNameFree(name);
    return this.store(name, algo, privateKey, undefined);
  }

  /** All keys, sorted by name. */
  async list(): Promise<KeyInfo[]> {
    const out: KeyInfo[] = [];
    for (const name of await this.keyDir.names()) {
      if (isValidName(name)) out.push((await this.load(name)).info);
    }
    return out;
  }

  /** Public information of `name`; sdk/22 if there is no such key. */
  async get(name: string): Promise<KeyInfo> {
    return (await this.load(name)).info;
  }

  async has(name: string): Promise<boolean> {
    checkKeyName(name);
    return (await this.keyDir.read(name + '.json')) !== undefined;
  }

  /** The key whose account address is `address` (any bech32 prefix); sdk/22 if none. */
  async getByAddress(address: string): Promise<KeyInfo> {
    let want: Uint8Array;
    try {
      want = bech32Decode(address).bytes;
    } catch (e) {
      throw sdk.InvalidAddress(`${JSON.stringify(address)}: ${(e as Error).message}`, e);
    }
    for (const info of await this.list()) {
      if (sameBytes(addressBytesOf(pubKeyOf(info)), want)) return info;
    }
    throw sdk.KeyNotFound(`no key with address ${address} in keyring ${this.dir}`);
  }

  /** Deletes `name`; sdk/22 if there is no such key. Needs no passphrase (file permissions guard it). */
  async delete(name: string): Promise<void> {
    checkKeyName(name);
    if (!(await this.keyDir.remove(name + '.json'))) throw this.notFound(name);
  }

  /**
   * The private key, encrypted under `exportPassphrase`, as ASCII armor (README, "Armor"):
   * what `keys export NAME` prints. The file backend asks for the keyring passphrase first.
   */
  async exportArmor(name: string, exportPassphrase: string): Promise<string> {
    checkNewPassphrase(exportPassphrase, 'export passphrase');
    const { record } = await this.load(name);
    const privateKey = await this.decrypt(record);
    const sealed = await seal(privateKey, exportPassphrase, armorAad(record.algo), this.scrypt);
    privateKey.fill(0);
    return encodeArmor({
      blockType: ARMOR_BLOCK_TYPE,
      headers: [
        ['kdf', sealed.kdf],
        ['N', String(sealed.N)],
        ['r', String(sealed.r)],
        ['p', String(sealed.p)],
        ['salt', Buffer.from(sealed.salt).toString('hex')],
        ['cipher', sealed.cipher],
        ['nonce', Buffer.from(sealed.nonce).toString('hex')],
        ['type', record.algo],
      ],
      data: sealed.ciphertext,
    });
  }

  /** Stores the key in `armor` (from `exportArmor`) under `name`; sdk/23 if `passphrase` is wrong. */
  async importArmor(name: string, armor: string, passphrase: string): Promise<KeyInfo> {
    checkKeyName(name);
    await this.assertNameFree(name);
    const parsed = decodeArmor(armor);
    if (parsed.blockType !== ARMOR_BLOCK_TYPE) {
      throw keyringErrors.InvalidArmor(`expected a "${ARMOR_BLOCK_TYPE}" block, got "${parsed.blockType}"`);
    }
    const algo = armorHeader(parsed, 'type');
    if (!KEY_ALGOS.includes(algo as KeyAlgo)) throw keyringErrors.InvalidArmor(`unknown key type ${JSON.stringify(algo)}`);
    const header = (k: string) => armorHeader(parsed, k);
    const toNum = (k: string) => (/^\d+$/.test(header(k)) ? Number(header(k)) : NaN);
    const sealed = sealedFromJson(
      {
        kdf: header('kdf'),
        cipher: header('cipher'),
        N: toNum('N'),
        r: toNum('r'),
        p: toNum('p'),
        salt: header('salt'),
        nonce: header('nonce'),
        ciphertext: Buffer.from(parsed.data).toString('base64'),
      },
      (what) => keyringErrors.InvalidArmor(what),
    );
    const privateKey = await open(sealed, passphrase, armorAad(algo), 'armored key');
    return this.store(name, algo as KeyAlgo, privateKey, undefined);
  }

  /** The raw private key (`keys export --unarmored-hex --unsafe`). Handle with care. */
  async exportPrivateKey(name: string): Promise<Uint8Array> {
    return this.decrypt((await this.load(name)).record);
  }

  /** A cosmjs signer for `name`; the private key is decrypted at its first signature. */
  async signer(name: string): Promise<KeyringSigner> {
    const { record, info } = await this.load(name);
    return new KeyringSigner({ name, address: info.address, pubkey: pubKeyOf(info) }, () => this.decrypt(record));
  }

  /** Forgets the passphrase kept in memory. */
  lock(): void {
    this.passphrase = undefined;
  }

  // ---- internals ----

  private async load(name: string): Promise<{ record: KeyRecord; info: KeyInfo }> {
    checkKeyName(name);
    const file = name + '.json';
    const text = await this.keyDir.read(file);
    if (text === undefined) throw this.notFound(name);
    const record = parseKeyRecord(text, path.join(this.dir, file));
    const pubkey: PubKey = { algo: record.algo, key: record.pubkey };
    let address: string;
    try {
      address = this.codec.encode(addressBytesOf(pubkey));
    } catch (e) {
      throw keyringErrors.CorruptKeyFile(`${path.join(this.dir, file)}: bad public key`, e);
    }
    // The file name is the key's name: renaming the file renames the key.
    const info: KeyInfo = { name, algo: record.algo, address, pubkey: record.pubkey, ...(record.hdPath ? { hdPath: record.hdPath } : {}) };
    return { record: { ...record, name }, info };
  }

  private async store(name: string, algo: KeyAlgo, privateKey: Uint8Array, hdPath: string | undefined): Promise<KeyInfo> {
    try {
      checkPrivateKey(algo, privateKey);
    } catch (e) {
      throw keyringErrors.InvalidPrivateKey((e as Error).message, e);
    }
    const pubkey = publicKeyOf(algo, privateKey);
    const address = this.codec.encode(addressBytesOf(pubkey));
    for (const other of await this.list()) {
      if (other.address === address) {
        throw keyringErrors.DuplicateAddress(`key '${other.name}' in keyring ${this.dir} already has address ${address}`);
      }
    }
    const stored: KeyRecord['privateKey'] =
      this.backend === 'test'
        ? { encoding: 'plaintext', key: privateKey.slice() }
        : { encoding: 'encrypted', sealed: await seal(privateKey, await this.writePassphrase(), keyAad(algo, pubkey.key), this.scrypt) };
    const record: KeyRecord = { name, algo, pubkey: pubkey.key, privateKey: stored, ...(hdPath ? { hdPath } : {}) };
    if (!(await this.keyDir.create(name + '.json', serializeKeyRecord(record, address)))) throw this.duplicate(name);
    return { name, algo, address, pubkey: pubkey.key, ...(hdPath ? { hdPath } : {}) };
  }

  private async decrypt(record: KeyRecord): Promise<Uint8Array> {
    let privateKey: Uint8Array;
    if (record.privateKey.encoding === 'plaintext') {
      privateKey = record.privateKey.key.slice();
    } else {
      const cached = this.passphrase;
      const passphrase = cached ?? (await this.ask({ reason: 'unlock', dir: this.dir, keyName: record.name }));
      privateKey = await open(record.privateKey.sealed, passphrase, keyAad(record.algo, record.pubkey), `key '${record.name}'`);
      this.passphrase = passphrase;
    }
    let matches = false;
    try {
      matches = sameBytes(publicKeyOf(record.algo, privateKey).key, record.pubkey);
    } catch {
      // an invalid scalar: reported below
    }
    if (!matches) throw keyringErrors.CorruptKeyFile(`key '${record.name}' in ${this.dir}: private key does not match its public key`);
    return privateKey;
  }

  /** The passphrase new keys are sealed with, checked against (or establishing) `keyhash`. */
  private async writePassphrase(): Promise<string> {
    if (this.passphrase !== undefined) return this.passphrase;
    const text = await this.keyDir.read(KEYHASH_FILE);
    if (text === undefined) {
      const passphrase = await this.ask({ reason: 'new', dir: this.dir });
      checkNewPassphrase(passphrase, 'keyring passphrase');
      const sealed = await seal(KEYHASH_PLAINTEXT, passphrase, KEYHASH_AAD, this.scrypt);
      const written = await this.keyDir.create(KEYHASH_FILE, JSON.stringify({ version: 1, ...sealedToJson(sealed) }, null, 2) + '\n');
      if (!written) return this.writePassphrase(); // another process set it first: check against theirs
      this.passphrase = passphrase;
      return passphrase;
    }
    const file = path.join(this.dir, KEYHASH_FILE);
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(text) as Record<string, unknown>;
    } catch (e) {
      throw keyringErrors.CorruptKeyFile(`${file}: not JSON`, e);
    }
    const sealed = sealedFromJson(doc, (what) => keyringErrors.CorruptKeyFile(`${file}: ${what}`));
    const passphrase = await this.ask({ reason: 'unlock', dir: this.dir });
    await open(sealed, passphrase, KEYHASH_AAD, `keyring ${this.dir}`);
    this.passphrase = passphrase;
    return passphrase;
  }

  private async ask(request: PassphraseRequest): Promise<string> {
    if (!this.askPassphrase) {
      throw keyringErrors.PassphraseRequired(`keyring backend 'file' at ${this.dir} needs a passphrase callback`);
    }
    const passphrase = await this.askPassphrase(request);
    if (typeof passphrase !== 'string') throw keyringErrors.PassphraseRequired('the passphrase callback returned no string');
    return passphrase;
  }

  private async assertNameFree(name: string): Promise<void> {
    if (await this.has(name)) throw this.duplicate(name);
  }

  private notFound(name: string) {
    return sdk.KeyNotFound(`key '${name}' not found in keyring ${this.dir}`);
  }

  private duplicate(name: string) {
    return keyringErrors.DuplicateName(`key '${name}' already exists in keyring ${this.dir}`);
  }
}

function checkNewPassphrase(passphrase: string, what: string): void {
  if (typeof passphrase !== 'string' || passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw keyringErrors.WeakPassphrase(`${what} must be at least ${MIN_PASSPHRASE_LENGTH} characters`);
  }
}

function isValidName(name: string): boolean {
  try {
    checkKeyName(name);
    return true;
  } catch {
    return false;
  }
}

function pubKeyOf(info: KeyInfo): PubKey {
  return { algo: info.algo, key: info.pubkey };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
