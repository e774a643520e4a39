/**
 * Raw state of the `ibc` store, by ICS-24 path: connections, client connection paths, channel
 * ends, sequences, packet commitments, receipts and acknowledgements. Client and consensus
 * states are the light client's (lightclient/tendermint.ts). Every value is what ibc-go writes.
 */
import { Channel } from 'cosmjs-types/ibc/core/channel/v1/channel';
import { ClientPaths, ConnectionEnd } from 'cosmjs-types/ibc/core/connection/v1/connection';
import type { KVStore } from '../../src/store/types';
import type { Context } from '../../src/types/context';
import { channelBytes, connectionBytes } from './codec';
import { key, paths } from './host';
import { StoreKey } from './keys';

const u64 = (n: bigint) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, n);
  return b;
};
const readU64 = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0);
const enc = new TextEncoder();
const dec = new TextDecoder();

export class IbcStore {
  constructor(readonly kv: KVStore) {}

  static of(ctx: Context): IbcStore {
    return new IbcStore(ctx.kv(StoreKey));
  }

  private getU64(path: string): bigint | undefined {
    const b = this.kv.get(key(path));
    return b ? readU64(b) : undefined;
  }
  private setU64(path: string, v: bigint): void {
    this.kv.set(key(path), u64(v));
  }

  /** Returns the next identifier sequence of a kind and increments it. */
  nextSequence(which: 'nextClientSequence' | 'nextConnectionSequence' | 'nextChannelSequence'): bigint {
    const n = this.getU64(which) ?? 0n;
    this.setU64(which, n + 1n);
    return n;
  }
  peekSequence(which: 'nextClientSequence' | 'nextConnectionSequence' | 'nextChannelSequence'): bigint {
    return this.getU64(which) ?? 0n;
  }

  connection(id: string): ConnectionEnd | undefined {
    const b = this.kv.get(key(paths.connection(id)));
    return b ? ConnectionEnd.decode(b) : undefined;
  }
  setConnection(id: string, c: ConnectionEnd): void {
    this.kv.set(key(paths.connection(id)), connectionBytes(c));
  }
  *connections(): IterableIterator<[string, ConnectionEnd]> {
    const p = key('connections/');
    for (const [k, v] of this.kv.iterator(p, key('connections0'))) yield [dec.decode(k.subarray(p.length)), ConnectionEnd.decode(v)];
  }

  clientConnections(clientId: string): string[] {
    const b = this.kv.get(key(paths.clientConnections(clientId)));
    return b ? ClientPaths.decode(b).paths : [];
  }
  addClientConnection(clientId: string, connectionId: string): void {
    const list = [...this.clientConnections(clientId), connectionId];
    this.kv.set(key(paths.clientConnections(clientId)), ClientPaths.encode({ paths: list }).finish());
  }

  channel(portId: string, channelId: string): Channel | undefined {
    const b = this.kv.get(key(paths.channelEnd(portId, channelId)));
    return b ? Channel.decode(b) : undefined;
  }
  setChannel(portId: string, channelId: string, c: Channel): void {
    this.kv.set(key(paths.channelEnd(portId, channelId)), channelBytes(c));
  }
  *channels(): IterableIterator<[string, string, Channel]> {
    const p = key('channelEnds/ports/');
    for (const [k, v] of this.kv.iterator(p, key('channelEnds/ports0'))) {
      const m = /^([^/]+)\/channels\/([^/]+)$/.exec(dec.decode(k.subarray(p.length)));
      if (m) yield [m[1], m[2], Channel.decode(v)];
    }
  }

  nextSequenceSend(port: string, channel: string): bigint | undefined {
    return this.getU64(paths.nextSequenceSend(port, channel));
  }
  setNextSequenceSend(port: string, channel: string, n: bigint): void {
    this.setU64(paths.nextSequenceSend(port, channel), n);
  }
  nextSequenceRecv(port: string, channel: string): bigint | undefined {
    return this.getU64(paths.nextSequenceRecv(port, channel));
  }
  setNextSequenceRecv(port: string, channel: string, n: bigint): void {
    this.setU64(paths.nextSequenceRecv(port, channel), n);
  }
  nextSequenceAck(port: string, channel: string): bigint | undefined {
    return this.getU64(paths.nextSequenceAck(port, channel));
  }
  setNextSequenceAck(port: string, channel: string, n: bigint): void {
    this.setU64(paths.nextSequenceAck(port, channel), n);
  }

  packetCommitment(port: string, channel: string, seq: bigint): Uint8Array | undefined {
    return this.kv.get(key(paths.packetCommitment(port, channel, seq)));
  }
  setPacketCommitment(port: string, channel: string, seq: bigint, c: Uint8Array): void {
    this.kv.set(key(paths.packetCommitment(port, channel, seq)), c);
  }
  deletePacketCommitment(port: string, channel: string, seq: bigint): void {
    this.kv.delete(key(paths.packetCommitment(port, channel, seq)));
  }
  /** Sequence → commitment of every packet still in flight on the channel (store order). */
  *packetCommitments(port: string, channel: string): IterableIterator<[bigint, Uint8Array]> {
    yield* this.sequenced(paths.packetCommitmentPrefix(port, channel));
  }

  hasPacketReceipt(port: string, channel: string, seq: bigint): boolean {
    return this.kv.has(key(paths.packetReceipt(port, channel, seq)));
  }
  setPacketReceipt(port: string, channel: string, seq: bigint): void {
    this.kv.set(key(paths.packetReceipt(port, channel, seq)), Uint8Array.of(1));
  }

  packetAck(port: string, channel: string, seq: bigint): Uint8Array | undefined {
    return this.kv.get(key(paths.packetAck(port, channel, seq)));
  }
  setPacketAck(port: string, channel: string, seq: bigint, ackCommitment: Uint8Array): void {
    this.kv.set(key(paths.packetAck(port, channel, seq)), ackCommitment);
  }
  *packetAcks(port: string, channel: string): IterableIterator<[bigint, Uint8Array]> {
    yield* this.sequenced(paths.packetAckPrefix(port, channel));
  }

  *packetReceipts(port: string, channel: string): IterableIterator<[bigint, Uint8Array]> {
    yield* this.sequenced(`receipts/ports/${port}/channels/${channel}/sequences/`);
  }

  /** Every raw (key, value) under a path prefix (genesis export of client metadata). */
  *rawUnder(prefix: string): IterableIterator<[Uint8Array, Uint8Array]> {
    const p = key(prefix);
    const end = Uint8Array.from(p);
    end[end.length - 1]++;
    yield* this.kv.iterator(p, end);
  }

  private *sequenced(prefix: string): IterableIterator<[bigint, Uint8Array]> {
    const p = key(prefix);
    const end = Uint8Array.from(p);
    end[end.length - 1]++;
    for (const [k, v] of this.kv.iterator(p, end)) {
      const s = dec.decode(k.subarray(p.length));
      if (/^[0-9]+$/.test(s)) yield [BigInt(s), v];
    }
  }
}

export { enc as utf8 };
