/**
 * ABCI socket framing: each message is an unsigned LEB128 varint (Go's `binary.PutUvarint`,
 * not zigzag) holding the byte length of the protobuf message that follows. This is
 * CometBFT v0.38's libs/protoio `NewDelimitedWriter` / `NewDelimitedReader`.
 */
import { BinaryWriter } from 'cosmjs-types/binary';

/**
 * Largest message CometBFT reads or writes on an ABCI socket: `maxMsgSize = math.MaxInt32`
 * in abci/types/messages.go (v0.38); a longer length prefix is an error there too.
 */
export const MAX_MESSAGE_BYTES = 2 ** 31 - 1;

/** Go's `binary.MaxVarintLen64`: a uvarint longer than this overflows 64 bits. */
const MAX_VARINT_BYTES = 10;

/** The byte stream is not a sequence of valid frames; the connection must be closed. */
export class FramingError extends Error {
  override readonly name = 'FramingError';
}

/**
 * Splits a byte stream into message bodies. Feed it socket chunks with `push`; it hands each
 * body completed by that chunk to `onFrame`, in order. Chunks are kept as a list and each frame body is
 * either a view into one chunk or copied once into its own buffer, so a large message
 * arriving in many small chunks costs linear time, and many small messages in one chunk cost
 * no copies.
 */
export class FrameDecoder {
  /** Unconsumed input: chunks[head] is partly consumed up to headOffset; later ones are whole. */
  private chunks: Uint8Array[] = [];
  private head = 0;
  private headOffset = 0;
  /** Unconsumed bytes in `chunks`. */
  private buffered = 0;
  /** Length prefix being read, kept across chunks; `bodyLength` >= 0 once it is complete. */
  private prefixValue = 0;
  private prefixBytes = 0;
  private bodyLength = -1;
  /** Size of the completed prefix of the frame being read, for `pendingBytes`. */
  private bodyPrefixBytes = 0;

  constructor(private readonly maxMessageBytes: number = MAX_MESSAGE_BYTES) {}

  /** True when part of a frame has been received but not the whole frame. */
  get hasPartialFrame(): boolean {
    return this.buffered > 0 || this.prefixBytes > 0 || this.bodyLength >= 0;
  }

  /** Bytes of the stream received but not yet returned as part of a frame. */
  get pendingBytes(): number {
    return this.buffered + this.prefixBytes + (this.bodyLength >= 0 ? this.bodyPrefixBytes : 0);
  }

  /**
   * Adds a chunk and calls `onFrame` with each frame body it completes. Throws FramingError on
   * a bad length prefix, after delivering the frames before it; the decoder is then unusable.
   */
  push(chunk: Uint8Array, onFrame: (body: Uint8Array) => void): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.bodyLength < 0 && !this.readPrefix()) return;
      if (this.buffered < this.bodyLength) return;
      const body = this.take(this.bodyLength);
      this.bodyLength = -1;
      onFrame(body);
    }
  }

  /** Consumes length-prefix bytes; true once the prefix is complete (`bodyLength` set). */
  private readPrefix(): boolean {
    while (this.buffered > 0) {
      const byte = this.chunks[this.head][this.headOffset];
      this.skip(1);
      // Multiply, not shift: JS shifts are 32-bit. The max check below keeps this exact.
      this.prefixValue += (byte & 0x7f) * 2 ** (7 * this.prefixBytes);
      this.prefixBytes++;
      if (this.prefixValue > this.maxMessageBytes) {
        throw new FramingError(
          `message length exceeds the maximum of ${this.maxMessageBytes} bytes (prefix so far ${this.prefixValue})`,
        );
      }
      if (byte < 0x80) {
        this.bodyLength = this.prefixValue;
        this.bodyPrefixBytes = this.prefixBytes;
        this.prefixValue = 0;
        this.prefixBytes = 0;
        return true;
      }
      if (this.prefixBytes === MAX_VARINT_BYTES) throw new FramingError('length prefix varint overflows 64 bits');
    }
    return false;
  }

  /** Removes and returns the next `length` bytes; the caller checked they are buffered. */
  private take(length: number): Uint8Array {
    if (length === 0) return new Uint8Array(0);
    const first = this.chunks[this.head];
    if (first.length - this.headOffset >= length) {
      const body = first.subarray(this.headOffset, this.headOffset + length);
      this.skip(length);
      return body;
    }
    const body = new Uint8Array(length);
    let filled = 0;
    while (filled < length) {
      const chunk = this.chunks[this.head];
      const n = Math.min(length - filled, chunk.length - this.headOffset);
      body.set(chunk.subarray(this.headOffset, this.headOffset + n), filled);
      filled += n;
      this.skip(n);
    }
    return body;
  }

  /** Drops `n` bytes (at most what the head chunk holds) and releases exhausted chunks. */
  private skip(n: number): void {
    this.headOffset += n;
    this.buffered -= n;
    if (this.headOffset < this.chunks[this.head].length) return;
    this.headOffset = 0;
    this.head++;
    if (this.head === this.chunks.length) {
      this.chunks = [];
      this.head = 0;
    }
  }
}

/** Writes `value` as a uvarint into `out` at `offset`; returns the offset after it. */
export function putUvarint(out: Uint8Array, offset: number, value: number): number {
  while (value >= 0x80) {
    out[offset++] = (value % 0x80) | 0x80;
    value = Math.floor(value / 0x80);
  }
  out[offset++] = value;
  return offset;
}

/** Returns `body` with its uvarint length prefix: one frame. */
export function frame(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + MAX_VARINT_BYTES);
  const offset = putUvarint(out, 0, body.length);
  out.set(body, offset);
  return out.subarray(0, offset + body.length);
}

/** cosmjs-types' generated `encode` of a message type, e.g. `Response.encode`. */
export type Encode<T> = (message: T, writer?: BinaryWriter) => BinaryWriter;

/**
 * Accumulates framed messages to be written together. Messages are encoded straight into one
 * BinaryWriter (length prefix included), so `take()` yields all pending frames as a single
 * buffer with one allocation, however many messages it holds.
 */
export class FrameWriter<T> {
  private writer = BinaryWriter.create();

  constructor(
    private readonly encode: Encode<T>,
    private readonly maxMessageBytes: number = MAX_MESSAGE_BYTES,
  ) {}

  /** Bytes pending, prefixes included. */
  get pendingBytes(): number {
    return this.writer.len;
  }

  /**
   * Encodes `message` as the next frame. If encoding throws (a malformed message) or the
   * message is too large, nothing is added and the error is rethrown.
   */
  add(message: T): void {
    const before = this.writer.states;
    const forked = this.writer.fork();
    try {
      this.encode(message, forked);
      if (forked.len > this.maxMessageBytes) {
        throw new FramingError(`message of ${forked.len} bytes exceeds the maximum of ${this.maxMessageBytes}`);
      }
    } catch (err) {
      // Unwind our fork and any nested ones the encoder left open: the partial message is dropped.
      while (this.writer.states !== before) this.writer.reset();
      throw err;
    }
    forked.ldelim(); // prepends the uvarint length of everything written since fork()
  }

  /** Returns all pending frames as one buffer and starts empty. */
  take(): Uint8Array {
    const bytes = this.writer.finish();
    this.writer = BinaryWriter.create();
    return bytes;
  }
}
