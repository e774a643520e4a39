/**
 * Decoded txs by hash: CheckTx decodes a tx once, and PrepareProposal, ProcessProposal and
 * FinalizeBlock find it here. Decoding is a pure function of the bytes, so a hit is always right.
 */
import { LruCache } from '../crypto/lru';
import { decodeTx, txHash, type DecodedTx, type TxLimits } from '../codec/tx_decoder';
import type { TypeRegistry } from '../codec/type_registry';

export class DecodeCache {
  private readonly cache: LruCache<string, DecodedTx | Error>;
  constructor(
    private readonly registry: TypeRegistry,
    private readonly limits: TxLimits,
    capacity = 50_000,
  ) {
    this.cache = new LruCache(capacity);
  }

  /** The decoded tx, or the (registered) error decoding gave. */
  decode(raw: Uint8Array): DecodedTx | Error {
    const key = Buffer.from(txHash(raw)).toString('latin1');
    const hit = this.cache.get(key);
    if (hit) return hit;
    let out: DecodedTx | Error;
    try {
      out = decodeTx(raw, this.registry, this.limits);
    } catch (e) {
      out = e instanceof Error ? e : new Error(String(e));
    }
    this.cache.set(key, out);
    return out;
  }
}
