/** A KVStore that charges the gas meter for every access (the SDK's gaskv.Store). */
import type { GasConfig, GasMeter } from './gas';
import { KV_GAS_CONFIG } from './gas';
import type { KVPair, KVStore } from './types';

export class GasKVStore implements KVStore {
  constructor(
    private readonly parent: KVStore,
    private readonly meter: GasMeter,
    private readonly config: GasConfig = KV_GAS_CONFIG,
  ) {}

  get(key: Uint8Array): Uint8Array | undefined {
    this.meter.consume(this.config.readCostFlat, 'ReadFlat');
    this.meter.consume(this.config.readCostPerByte * key.length, 'ReadPerByte');
    const value = this.parent.get(key);
    if (value) this.meter.consume(this.config.readCostPerByte * value.length, 'ReadPerByte');
    return value;
  }

  has(key: Uint8Array): boolean {
    this.meter.consume(this.config.hasCost, 'Has');
    return this.parent.has(key);
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.meter.consume(this.config.writeCostFlat, 'WriteFlat');
    this.meter.consume(this.config.writeCostPerByte * key.length, 'WritePerByte');
    this.meter.consume(this.config.writeCostPerByte * value.length, 'WritePerByte');
    this.parent.set(key, value);
  }

  delete(key: Uint8Array): void {
    this.meter.consume(this.config.deleteCost, 'Delete');
    this.parent.delete(key);
  }

  iterator(start?: Uint8Array, end?: Uint8Array): IterableIterator<KVPair> {
    return this.charged(this.parent.iterator(start, end));
  }

  reverseIterator(start?: Uint8Array, end?: Uint8Array): IterableIterator<KVPair> {
    return this.charged(this.parent.reverseIterator(start, end));
  }

  /** Each pair read costs the flat iteration cost plus its bytes, as SDK's consumeSeekGas. */
  private *charged(it: IterableIterator<KVPair>): IterableIterator<KVPair> {
    for (const kv of it) {
      this.meter.consume(this.config.iterNextCostFlat, 'IterNextFlat');
      this.meter.consume(this.config.readCostPerByte * (kv[0].length + kv[1].length), 'ValuePerByte');
      yield kv;
    }
  }
}
