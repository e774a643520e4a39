/**
 * Decodes `cosmos.tx.v1beta1.TxRaw` bytes into a tx the ante chain can check. Everything a
 * malformed or oversized tx can get wrong is refused here with the SDK's codes, before any state
 * is read: sdk/21 too large, sdk/2 malformed or non-canonical bytes and unknown type URLs,
 * sdk/31 unknown extension options.
 */
import { sha256 } from '../crypto/hash';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import { AuthInfo, TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { sdk } from '../types/errors';
import type { TypeRegistry } from './type_registry';

export interface TxLimits {
  maxTxBytes: number;
  maxMsgs: number;
}

/** 512 KiB: below CometBFT's own 1 MiB mempool limit, so an oversized tx gets the SDK's code 21. */
export const DEFAULT_TX_LIMITS: Readonly<TxLimits> = Object.freeze({ maxTxBytes: 524_288, maxMsgs: 32 });

export interface DecodedMsg {
  readonly typeUrl: string;
  readonly value: unknown;
}

export interface DecodedTx {
  readonly raw: Uint8Array;
  /** sha256 of the raw bytes: the hash CometBFT indexes the tx by. */
  readonly hash: Uint8Array;
  readonly txRaw: TxRaw;
  readonly body: TxBody;
  readonly authInfo: AuthInfo;
  readonly msgs: readonly DecodedMsg[];
}

export function txHash(raw: Uint8Array): Uint8Array {
  return sha256(raw);
}

export function decodeTx(raw: Uint8Array, registry: TypeRegistry, limits: TxLimits = DEFAULT_TX_LIMITS): DecodedTx {
  if (raw.length === 0) throw sdk.TxDecode('empty tx');
  if (raw.length > limits.maxTxBytes) {
    throw sdk.TxTooLarge(`tx of ${raw.length} bytes exceeds the maximum of ${limits.maxTxBytes}`);
  }
  const txRaw = strictDecode(TxRaw, raw, 'TxRaw');
  const body = strictDecode(TxBody, txRaw.bodyBytes, 'TxBody');
  const authInfo = strictDecode(AuthInfo, txRaw.authInfoBytes, 'AuthInfo');

  if (body.messages.length === 0) throw sdk.InvalidRequest('must contain at least one message');
  if (body.messages.length > limits.maxMsgs) {
    throw sdk.TxDecode(`too many messages: ${body.messages.length} > ${limits.maxMsgs}`);
  }
  if (body.extensionOptions.length > 0) throw sdk.UnknownExtensionOptions('extension options are not supported');
  if (body.nonCriticalExtensionOptions.length > 0) {
    throw sdk.UnknownExtensionOptions('non-critical extension options are not supported');
  }
  if (body.unordered) throw sdk.NotSupported('unordered transactions are not supported');

  const msgs = body.messages.map((any: Any, i: number) => {
    if (!registry.has(any.typeUrl)) throw sdk.TxDecode(`unable to resolve type URL ${any.typeUrl} (message ${i})`);
    try {
      return { typeUrl: any.typeUrl, value: registry.unpack(any) };
    } catch (e) {
      throw sdk.TxDecode(`message ${i}: ${(e as Error).message}`);
    }
  });
  return { raw, hash: txHash(raw), txRaw, body, authInfo, msgs };
}

/**
 * Decodes and re-encodes: the bytes must be exactly the canonical encoding. This rejects unknown
 * fields and non-minimal encodings, so nobody can change a tx's hash without changing what it says.
 */
function strictDecode<T>(
  codec: { decode(b: Uint8Array): T; encode(m: T): { finish(): Uint8Array } },
  bytes: Uint8Array,
  what: string,
): T {
  let msg: T;
  try {
    msg = codec.decode(bytes);
  } catch (e) {
    throw sdk.TxDecode(`malformed ${what}: ${(e as Error).message}`);
  }
  const again = codec.encode(msg).finish();
  if (!Buffer.from(again).equals(bytes)) throw sdk.TxDecode(`${what} is not canonically encoded (unknown fields?)`);
  return msg;
}
