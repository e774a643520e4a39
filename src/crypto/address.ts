/**
 * Bech32 addresses. The same 20 (or 32) bytes are shown with three prefixes, as in the Cosmos
 * SDK: `hyper` for accounts, `hypervaloper` for a validator's operator (the operator account's
 * bytes), `hypervalcons` for a validator's CometBFT consensus key.
 *
 * Decoding is where untrusted strings enter the state machine, so every failure is sdk/7
 * (invalid address) with a detail saying what is wrong.
 */
import { LruCache } from './lru';
import { sdk } from '../types/errors';
import { Bech32Error, COSMOS_MAX_LENGTH, decode as bech32Decode, encode as bech32Encode } from './bech32';
import { sha256Truncated } from './hash';

export const ACCOUNT_PREFIX = 'hyper';
export const VALIDATOR_PREFIX = 'hypervaloper';
export const CONSENSUS_PREFIX = 'hypervalcons';

/**
 * Byte lengths accepted by default: 20 (key-derived and legacy module addresses) and 32
 * (ADR-028 derived addresses: ICS-27 accounts, `moduleAddress(name, key)`). The SDK's own
 * `VerifyAddressFormat` accepts 1..255; we are stricter so a typo cannot fund an unusable account.
 */
export const ADDRESS_LENGTHS: readonly number[] = [20, 32];

/** Converts between address bytes and their Bech32 string under one prefix. */
export interface AddressCodec {
  readonly prefix: string;
  /** Bech32 string of `bytes`; throws sdk/7 when the length is not accepted. */
  encode(bytes: Uint8Array): string;
  /** Address bytes of `address`; throws sdk/7 (empty, bad checksum, wrong prefix, wrong length). */
  decode(address: string): Uint8Array;
  /** True when `decode` would succeed. */
  isValid(address: string): boolean;
}

const ADDRESS_CACHE_SIZE = 20_000;

/** An address codec for `prefix` (lower case), accepting byte lengths in `lengths`. */
export function addressCodec(prefix: string, lengths: readonly number[] = ADDRESS_LENGTHS): AddressCodec {
  const checkLength = (bytes: Uint8Array, what: string): void => {
    if (!lengths.includes(bytes.length)) {
      throw sdk.InvalidAddress(`${what} has ${bytes.length} bytes, expected ${lengths.join(' or ')}`);
    }
  };
  const decode = (address: string): Uint8Array => {
    if (typeof address !== 'string' || address.length === 0) throw sdk.InvalidAddress('empty address');
    let decoded: { prefix: string; bytes: Uint8Array };
    try {
      decoded = bech32Decode(address, COSMOS_MAX_LENGTH);
    } catch (e) {
      if (e instanceof Bech32Error) throw sdk.InvalidAddress(`${quote(address)}: ${e.message}`, e);
      throw e;
    }
    if (decoded.prefix !== prefix) {
      throw sdk.InvalidAddress(`${quote(address)}: wrong prefix: expected ${prefix}, got ${decoded.prefix}`);
    }
    checkLength(decoded.bytes, `address ${quote(address)}`);
    return decoded.bytes;
  };
  // Every tx converts the same few addresses many times (signers, fee payer, events): remember
  // recent conversions. Decoded bytes are shared, so callers must not modify them.
  const decoded = new LruCache<string, Uint8Array>(ADDRESS_CACHE_SIZE);
  const encoded = new LruCache<string, string>(ADDRESS_CACHE_SIZE);
  return Object.freeze({
    prefix,
    encode(bytes: Uint8Array): string {
      const key = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      let s = encoded.get(key);
      if (s === undefined) {
        checkLength(bytes, 'address');
        s = bech32Encode(prefix, bytes, COSMOS_MAX_LENGTH);
        encoded.set(key, s);
      }
      return s;
    },
    decode(address: string): Uint8Array {
      let b = decoded.get(address);
      if (b === undefined) {
        b = decode(address);
        decoded.set(address, b);
      }
      return b;
    },
    isValid(address: string): boolean {
      try {
        decode(address);
        return true;
      } catch {
        return false;
      }
    },
  });
}

/** `hyper1...`: accounts (users, module accounts, contracts). */
export const accountAddresses: AddressCodec = addressCodec(ACCOUNT_PREFIX);
/** `hypervaloper1...`: validator operators. */
export const validatorAddresses: AddressCodec = addressCodec(VALIDATOR_PREFIX);
/** `hypervalcons1...`: validator consensus keys (always 20 bytes: CometBFT addresses). */
export const consensusAddresses: AddressCodec = addressCodec(CONSENSUS_PREFIX, [20]);

/** Re-encodes a Bech32 address under another prefix (e.g. `hyper1...` to `hypervaloper1...`). */
export function convertAddress(address: string, from: AddressCodec, to: AddressCodec): string {
  return to.encode(from.decode(address));
}

/** CometBFT validator address of an ed25519 consensus key: SHA-256(pubkey)[:20]. */
export function consensusAddressOf(ed25519PubKey: Uint8Array): Uint8Array {
  if (ed25519PubKey.length !== 32) {
    throw sdk.InvalidPubKey(`ed25519 consensus key has ${ed25519PubKey.length} bytes, expected 32`);
  }
  return sha256Truncated(ed25519PubKey);
}

// Long garbage should not flood logs or error results.
function quote(s: string): string {
  return JSON.stringify(s.length > 100 ? `${s.slice(0, 100)}...` : s);
}
