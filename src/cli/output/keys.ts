/** How keys print: the SDK's KeyOutput (`name`, `type`, `address`, `pubkey` as a JSON string). */
import type { KeyInfo } from '../../crypto/keyring';
import { PUBKEY_TYPE_URLS } from '../../crypto/pubkey';
import { toYaml } from './yaml';

export interface KeyOutput {
  name: string;
  type: 'local';
  address: string;
  pubkey: string;
  mnemonic?: string;
}

export function keyOutput(k: KeyInfo, address = k.address): KeyOutput {
  return {
    name: k.name,
    type: 'local',
    address,
    pubkey: JSON.stringify({ '@type': PUBKEY_TYPE_URLS[k.algo], key: Buffer.from(k.pubkey).toString('base64') }),
  };
}

/** Text: a YAML list, as `simd keys list` prints. */
export function keysText(keys: readonly KeyOutput[]): string {
  return toYaml(keys.map(({ mnemonic: _m, ...rest }) => rest));
}

export const MNEMONIC_WARNING =
  '**Important** write this mnemonic phrase in a safe place.\nIt is the only way to recover your account if you ever forget your password.';
