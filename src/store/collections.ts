/**
 * Typed state, declared once per module (the Cosmos SDK's `collections`): an Item, a Map or a
 * Sequence under a one-byte prefix of a module store, with key and value codecs that write the
 * same bytes as the SDK's, so tools that read raw SDK stores read ours. A schema refuses two
 * collections with overlapping prefixes or the same name.
 */
import { concatBytes, prefixEnd } from './bytes';
import type { KVStore } from './types';

/** Anything that hands out module stores: the Context. */
export interface StoreContext {
  kv(storeName: string): KVStore;
}

export interface KeyCodec<K> {
  /** Encoding as the last (or only) part of a key. */
  encode(k: K): Uint8Array;
  /** Encoding followed by more key parts: must be self-delimiting. */
  encodeNonTerminal(k: K): Uint8Array;
  /** Decodes from the start of `b`; returns the key and the bytes used. */
  decode(b: Uint8Array, terminal: boolean): [K, number];
}

export interface ValueCodec<V> {
  encode(v: V): Uint8Array;
  decode(b: Uint8Array): V;
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

function u64be(n: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, n));
  return b;
}

export const keys = {
  /** Raw bytes; non-terminal: one length byte then the bytes (the SDK's BytesKey / AccAddressKey). */
  bytes: {
    encode: (k: Uint8Array) => k,
    encodeNonTerminal: (k: Uint8Array) => {
      if (k.length > 255) throw new Error('non-terminal byte key longer than 255 bytes');
      return concatBytes(Uint8Array.of(k.length), k);
    },
    decode: (b: Uint8Array, terminal: boolean): [Uint8Array, number] => {
      if (terminal) return [b, b.length];
      const n = b[0];
      if (n === undefined || b.length < 1 + n) throw new Error('truncated byte key');
      return [b.subarray(1, 1 + n), 1 + n];
    },
  } satisfies KeyCodec<Uint8Array>,
  /** UTF-8; non-terminal: followed by a 0x00 delimiter (the SDK's StringKey). */
  string: {
    encode: (k: string) => enc.encode(k),
    encodeNonTerminal: (k: string) => {
      if (k.includes('\0')) throw new Error('string key contains a NUL byte');
      return concatBytes(enc.encode(k), Uint8Array.of(0));
    },
    decode: (b: Uint8Array, terminal: boolean): [string, number] => {
      if (terminal) return [dec.decode(b), b.length];
      const end = b.indexOf(0);
      if (end < 0) throw new Error('unterminated string key');
      return [dec.decode(b.subarray(0, end)), end + 1];
    },
  } satisfies KeyCodec<string>,
  /** 8 bytes big-endian. */
  uint64: {
    encode: (k: bigint) => u64be(k),
    encodeNonTerminal: (k: bigint) => u64be(k),
    decode: (b: Uint8Array): [bigint, number] => {
      if (b.length < 8) throw new Error('truncated uint64 key');
      return [new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0), 8];
    },
  } satisfies KeyCodec<bigint>,
  /** 8 bytes big-endian with the sign bit flipped, so negative numbers sort first (the SDK's Int64Key). */
  int64: {
    encode: (k: bigint) => u64be(BigInt.asUintN(64, k) ^ (1n << 63n)),
    encodeNonTerminal: (k: bigint) => u64be(BigInt.asUintN(64, k) ^ (1n << 63n)),
    decode: (b: Uint8Array): [bigint, number] => {
      if (b.length < 8) throw new Error('truncated int64 key');
      return [BigInt.asIntN(64, new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0) ^ (1n << 63n)), 8];
    },
  } satisfies KeyCodec<bigint>,
  pair<A, B>(a: KeyCodec<A>, b: KeyCodec<B>): KeyCodec<[A, B]> {
    return {
      encode: ([x, y]) => concatBytes(a.encodeNonTerminal(x), b.encode(y)),
      encodeNonTerminal: ([x, y]) => concatBytes(a.encodeNonTerminal(x), b.encodeNonTerminal(y)),
      decode: (bytes, terminal) => {
        const [x, n] = a.decode(bytes, false);
        const [y, m] = b.decode(bytes.subarray(n), terminal);
        return [[x, y], n + m];
      },
    };
  },
  triple<A, B, C>(a: KeyCodec<A>, b: KeyCodec<B>, c: KeyCodec<C>): KeyCodec<[A, B, C]> {
    const inner = keys.pair(b, c);
    return {
      encode: ([x, y, z]) => concatBytes(a.encodeNonTerminal(x), inner.encode([y, z])),
      encodeNonTerminal: ([x, y, z]) => concatBytes(a.encodeNonTerminal(x), inner.encodeNonTerminal([y, z])),
      decode: (bytes, terminal) => {
        const [x, n] = a.decode(bytes, false);
        const [[y, z], m] = inner.decode(bytes.subarray(n), terminal);
        return [[x, y, z], n + m];
      },
    };
  },
};

export const values = {
  bytes: { encode: (v: Uint8Array) => v, decode: (b: Uint8Array) => b } satisfies ValueCodec<Uint8Array>,
  string: { encode: (v: string) => enc.encode(v), decode: (b: Uint8Array) => dec.decode(b) } satisfies ValueCodec<string>,
  /** 8 bytes big-endian (the SDK's Uint64Value). */
  uint64: {
    encode: (v: bigint) => u64be(v),
    decode: (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0),
  } satisfies ValueCodec<bigint>,
  /** An integer as its decimal string (the SDK's math.Int value encoding). */
  int: {
    encode: (v: bigint) => enc.encode(v.toString()),
    decode: (b: Uint8Array) => BigInt(dec.decode(b)),
  } satisfies ValueCodec<bigint>,
  /** An empty value: for key sets and indexes. */
  none: { encode: () => new Uint8Array(0), decode: () => undefined } satisfies ValueCodec<undefined>,
  proto<T>(codec: { encode(m: T): { finish(): Uint8Array }; decode(b: Uint8Array): T }): ValueCodec<T> {
    return { encode: (v) => codec.encode(v).finish(), decode: (b) => codec.decode(b) };
  },
};

abstract class Collection {
  constructor(
    readonly storeName: string,
    readonly prefix: Uint8Array,
    readonly name: string,
  ) {}
  protected store(ctx: StoreContext): KVStore {
    return ctx.kv(this.storeName);
  }
}

export class Item<V> extends Collection {
  constructor(storeName: string, prefix: Uint8Array, name: string, private readonly codec: ValueCodec<V>) {
    super(storeName, prefix, name);
  }
  get(ctx: StoreContext): V | undefined {
    const b = this.store(ctx).get(this.prefix);
    return b === undefined ? undefined : this.codec.decode(b);
  }
  /** The value, or throws: for items genesis always sets (params). */
  must(ctx: StoreContext): V {
    const v = this.get(ctx);
    if (v === undefined) throw new Error(`${this.storeName}/${this.name} is not set`);
    return v;
  }
  set(ctx: StoreContext, v: V): void {
    this.store(ctx).set(this.prefix, this.codec.encode(v));
  }
  remove(ctx: StoreContext): void {
    this.store(ctx).delete(this.prefix);
  }
}

export class Sequence extends Collection {
  private readonly item: Item<bigint>;
  constructor(storeName: string, prefix: Uint8Array, name: string) {
    super(storeName, prefix, name);
    this.item = new Item(storeName, prefix, name, values.uint64);
  }
  peek(ctx: StoreContext): bigint {
    return this.item.get(ctx) ?? 0n;
  }
  /** Returns the current value and stores the next one. */
  next(ctx: StoreContext): bigint {
    const v = this.peek(ctx);
    this.item.set(ctx, v + 1n);
    return v;
  }
  set(ctx: StoreContext, v: bigint): void {
    this.item.set(ctx, v);
  }
}

export interface IterateOptions {
  /** Raw encoded key prefix (see `prefixOf`), start (inclusive) and end (exclusive). */
  prefix?: Uint8Array;
  start?: Uint8Array;
  end?: Uint8Array;
  reverse?: boolean;
}

export class CMap<K, V> extends Collection {
  constructor(
    storeName: string,
    prefix: Uint8Array,
    name: string,
    readonly keyCodec: KeyCodec<K>,
    private readonly valueCodec: ValueCodec<V>,
  ) {
    super(storeName, prefix, name);
  }

  key(k: K): Uint8Array {
    return concatBytes(this.prefix, this.keyCodec.encode(k));
  }
  get(ctx: StoreContext, k: K): V | undefined {
    const b = this.store(ctx).get(this.key(k));
    return b === undefined ? undefined : this.valueCodec.decode(b);
  }
  has(ctx: StoreContext, k: K): boolean {
    return this.store(ctx).has(this.key(k));
  }
  set(ctx: StoreContext, k: K, v: V): void {
    this.store(ctx).set(this.key(k), this.valueCodec.encode(v));
  }
  delete(ctx: StoreContext, k: K): void {
    this.store(ctx).delete(this.key(k));
  }

  /** Encoded bytes of a leading key part, for `iterate({ prefix })` over pair/triple keys. */
  static prefixOf<A>(codec: KeyCodec<A>, a: A): Uint8Array {
    return codec.encodeNonTerminal(a);
  }

  *iterate(ctx: StoreContext, opts: IterateOptions = {}): IterableIterator<[K, V]> {
    for (const [, k, v] of this.entries(ctx, opts)) yield [k, v];
  }

  /** Like `iterate`, with each entry's encoded key (without the collection prefix) first: for pagination. */
  *entries(ctx: StoreContext, opts: IterateOptions = {}): IterableIterator<[Uint8Array, K, V]> {
    const base = opts.prefix ? concatBytes(this.prefix, opts.prefix) : this.prefix;
    const start = opts.start ? concatBytes(this.prefix, opts.start) : base;
    const end = opts.end ? concatBytes(this.prefix, opts.end) : prefixEnd(base);
    const store = this.store(ctx);
    const it = opts.reverse ? store.reverseIterator(start, end) : store.iterator(start, end);
    const n = this.prefix.length;
    for (const [k, v] of it) {
      const raw = k.subarray(n);
      yield [raw, this.keyCodec.decode(raw, true)[0], this.valueCodec.decode(v)];
    }
  }
}

/** The collections of one module store; refuses duplicate names and overlapping prefixes. */
export class Schema {
  private readonly used: { prefix: Uint8Array; name: string }[] = [];
  constructor(readonly storeName: string) {}

  item<V>(prefix: number | Uint8Array, name: string, codec: ValueCodec<V>): Item<V> {
    return new Item(this.storeName, this.claim(prefix, name), name, codec);
  }
  map<K, V>(prefix: number | Uint8Array, name: string, k: KeyCodec<K>, v: ValueCodec<V>): CMap<K, V> {
    return new CMap(this.storeName, this.claim(prefix, name), name, k, v);
  }
  sequence(prefix: number | Uint8Array, name: string): Sequence {
    return new Sequence(this.storeName, this.claim(prefix, name), name);
  }

  private claim(p: number | Uint8Array, name: string): Uint8Array {
    const prefix = typeof p === 'number' ? Uint8Array.of(p) : p;
    for (const u of this.used) {
      if (u.name === name) throw new Error(`${this.storeName}: collection name ${name} already taken`);
      const n = Math.min(u.prefix.length, prefix.length);
      if (Buffer.from(u.prefix.subarray(0, n)).equals(prefix.subarray(0, n))) {
        throw new Error(`${this.storeName}: prefix of ${name} overlaps with ${u.name}`);
      }
    }
    this.used.push({ prefix, name });
    return prefix;
  }
}
