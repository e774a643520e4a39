/**
 * Errors of the keyring (codespace "keyring"). They are seen by the CLI's users, never by the
 * chain; unknown key names and wrong passphrases use the SDK's root codes instead
 * (sdk/22 key not found, sdk/23 invalid account password), as the SDK's keyring does.
 */
import { defineErrors } from '../../types/errors';

export const keyringErrors = defineErrors('keyring', {
  InvalidName: [2, 'invalid key name'],
  DuplicateName: [3, 'a key with this name already exists'],
  DuplicateAddress: [4, 'a key with this address already exists'],
  InvalidMnemonic: [5, 'invalid mnemonic'],
  InvalidHdPath: [6, 'invalid HD derivation path'],
  UnsupportedAlgo: [7, 'unsupported key algorithm'],
  InvalidArmor: [8, 'invalid armored key'],
  CorruptKeyFile: [9, 'corrupt key file'],
  PassphraseRequired: [10, 'passphrase required'],
  WeakPassphrase: [14, 'passphrase too short'],
  InvalidPrivateKey: [11, 'invalid private key'],
  SignerMismatch: [12, 'signer address does not match the key'],
  UnsupportedBackend: [13, 'unsupported keyring backend'],
});
