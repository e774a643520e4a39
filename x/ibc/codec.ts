/**
 * Canonical (gogoproto-identical) bytes of the values the `ibc` store keeps and a counterparty
 * proves: ConnectionEnd and Channel. Decoding fills every non-nullable field with its zero
 * value and encoding then writes it, which is what gogoproto does for (gogoproto.nullable) =
 * false fields; proto3 scalars at their defaults are omitted by both. known_answers.test.ts
 * checks these against ibc-go's bytes.
 */
import { Channel } from 'cosmjs-types/ibc/core/channel/v1/channel';
import { ConnectionEnd } from 'cosmjs-types/ibc/core/connection/v1/connection';

export function connectionBytes(c: ConnectionEnd): Uint8Array {
  return ConnectionEnd.encode(ConnectionEnd.decode(ConnectionEnd.encode(c).finish())).finish();
}

export function channelBytes(c: Channel): Uint8Array {
  return Channel.encode(Channel.decode(Channel.encode(c).finish())).finish();
}
