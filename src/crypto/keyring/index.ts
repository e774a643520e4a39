/**
 * The keyring library: what `hypermesh keys` and anything else holding user keys imports.
 * See ../README.md, "Keyring", for the file formats and their security.
 */
export {
  ARMOR_BLOCK_TYPE,
  KEYRING_BACKENDS,
  Keyring,
  MIN_PASSPHRASE_LENGTH,
  openKeyring,
  type AddedKey,
  type AddKeyOptions,
  type KeyInfo,
  type KeyringBackend,
  type OpenKeyringOptions,
  type PassphraseRequest,
} from './keyring';
export { KeyringSigner, type SignerKey } from './signer';
export { keyringErrors } from './errors';
export { checkKeyName, MAX_KEY_NAME_LENGTH } from './names';
export { checkMnemonic, DEFAULT_MNEMONIC_WORDS, generateMnemonic, mnemonicToSeed, normalizeMnemonic, type MnemonicLength } from './mnemonic';
export { COSMOS_COIN_TYPE, defaultHdPath, formatHdPath, parseHdPath } from './hd_path';
export { derivePrivateKey } from './derive';
export { DEFAULT_SCRYPT, type ScryptParams } from './encryption';
