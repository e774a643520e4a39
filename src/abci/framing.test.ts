import { Request, Response } from 'cosmjs-types/tendermint/abci/types';
import { frame, FrameDecoder, FrameWriter, FramingError, MAX_MESSAGE_BYTES, putUvarint } from './framing';

const bytes = (...b: number[]) => Uint8Array.from(b);
const body = (n: number, fill = 0xab) => new Uint8Array(n).fill(fill);

function decodeAll(decoder: FrameDecoder, chunks: Uint8Array[]): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (const chunk of chunks) decoder.push(chunk, (f) => frames.push(Uint8Array.from(f)));
  return frames;
}

function concat(parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

describe('uvarint length prefix', () => {
  // Go's binary.PutUvarint: unsigned LEB128, no zigzag (zigzag would encode 1 as 0x02).
  test.each([
    [0, [0x00]],
    [1, [0x01]],
    [127, [0x7f]],
    [128, [0x80, 0x01]],
    [300, [0xac, 0x02]],
    [16_383, [0xff, 0x7f]],
    [16_384, [0x80, 0x80, 0x01]],
    [MAX_MESSAGE_BYTES, [0xff, 0xff, 0xff, 0xff, 0x07]],
  ])('%i encodes as %j', (value, expected) => {
    const out = new Uint8Array(10);
    expect(Array.from(out.subarray(0, putUvarint(out, 0, value)))).toEqual(expected);
  });

  test('matches the prefix BinaryWriter.ldelim writes (what FrameWriter sends)', () => {
    const writer = new FrameWriter(Response.encode);
    const res: Response = { echo: { message: 'x'.repeat(200) } };
    writer.add(res);
    expect(Array.from(writer.take())).toEqual(Array.from(frame(Response.encode(res).finish())));
  });
});

describe('FrameDecoder', () => {
  test('one frame in one chunk', () => {
    expect(decodeAll(new FrameDecoder(), [frame(bytes(1, 2, 3))])).toEqual([bytes(1, 2, 3)]);
  });

  test('many frames in one chunk, including empty ones', () => {
    const bodies = [bytes(1), bytes(), body(300), bytes(9, 9)];
    expect(decodeAll(new FrameDecoder(), [concat(bodies.map(frame))])).toEqual(bodies);
  });

  test('every split point (and many pairs of them) gives the same frames', () => {
    const bodies = [body(200, 1), bytes(), body(5, 2), body(130, 3)];
    const stream = concat(bodies.map(frame));
    const hex = (frames: Uint8Array[]) => frames.map((f) => Buffer.from(f).toString('hex')).join('|');
    const want = hex(bodies);
    for (let a = 0; a <= stream.length; a++) {
      for (let b = a; b <= stream.length; b += 13) {
        const chunks = [stream.subarray(0, a), stream.subarray(a, b), stream.subarray(b)];
        const got = hex(decodeAll(new FrameDecoder(), chunks));
        if (got !== want) throw new Error(`split at ${a}/${b}: got ${got}`);
      }
    }
  });

  test('byte-at-a-time delivery, prefix split across chunks', () => {
    const bodies = [body(16_384, 7), body(1, 8)];
    const stream = concat(bodies.map(frame));
    const chunks = Array.from(stream, (b) => bytes(b));
    expect(decodeAll(new FrameDecoder(), chunks)).toEqual(bodies);
  });

  test('a large frame in many chunks is assembled once, in linear time', () => {
    const big = body(8 * 1024 * 1024, 5);
    const stream = frame(big);
    const decoder = new FrameDecoder();
    const frames: Uint8Array[] = [];
    const started = process.hrtime.bigint();
    for (let i = 0; i < stream.length; i += 1024) decoder.push(stream.subarray(i, i + 1024), (f) => frames.push(f));
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(frames).toHaveLength(1);
    expect(Buffer.compare(frames[0], big)).toBe(0);
    // A complexity guard, not a speed claim: concatenating on every chunk would copy ~32 GiB here.
    expect(ms).toBeLessThan(2_000);
  });

  test('frames inside one chunk are views, not copies', () => {
    const chunk = concat([frame(bytes(1, 2)), frame(bytes(3))]);
    const frames: Uint8Array[] = [];
    new FrameDecoder().push(chunk, (f) => frames.push(f));
    expect(frames[0].buffer).toBe(chunk.buffer);
    expect(frames[1].buffer).toBe(chunk.buffer);
  });

  test('a truncated frame is reported as partial and never delivered', () => {
    const decoder = new FrameDecoder();
    expect(decodeAll(decoder, [frame(body(10)).subarray(0, 6)])).toEqual([]);
    expect(decoder.hasPartialFrame).toBe(true);
    expect(decoder.pendingBytes).toBe(6);
  });

  test('a prefix alone is partial too', () => {
    const decoder = new FrameDecoder();
    expect(decodeAll(decoder, [bytes(0x80)])).toEqual([]);
    expect(decoder.hasPartialFrame).toBe(true);
    expect(decodeAll(decoder, [bytes(0x01), body(128)])).toEqual([body(128)]);
    expect(decoder.hasPartialFrame).toBe(false);
  });

  test('non-minimal varints are accepted, as Go does', () => {
    expect(decodeAll(new FrameDecoder(), [bytes(0x82, 0x80, 0x00, 7, 8)])).toEqual([bytes(7, 8)]);
  });

  test.each([
    ['2^40', [0x80, 0x80, 0x80, 0x80, 0x80, 0x20]],
    ['max + 1 = 2^31', [0x80, 0x80, 0x80, 0x80, 0x08]],
    ['2^64 - 1', [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
  ])('a length prefix of %s is a FramingError as soon as it is too large', (_, prefix) => {
    const decoder = new FrameDecoder();
    expect(() => decoder.push(Uint8Array.from(prefix), () => {})).toThrow(FramingError);
  });

  test('the maximum length itself is accepted (and waits for the body)', () => {
    const decoder = new FrameDecoder();
    decoder.push(bytes(0xff, 0xff, 0xff, 0xff, 0x07), () => {});
    expect(decoder.hasPartialFrame).toBe(true); // prefix done, no body bytes yet
    expect(decoder.pendingBytes).toBe(5);
  });

  test('a varint longer than 10 bytes is a FramingError', () => {
    const decoder = new FrameDecoder();
    expect(() => decoder.push(new Uint8Array(11).fill(0x80), () => {})).toThrow(/overflows 64 bits/);
  });

  test('a custom maximum applies', () => {
    const decoder = new FrameDecoder(100);
    expect(decodeAll(decoder, [frame(body(100))])).toHaveLength(1);
    expect(() => decoder.push(frame(body(101)), () => {})).toThrow(FramingError);
  });

  test('frames before a bad prefix in the same chunk are delivered first', () => {
    const frames: Uint8Array[] = [];
    const chunk = concat([frame(bytes(1)), bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x20)]);
    expect(() => new FrameDecoder().push(chunk, (f) => frames.push(f))).toThrow(FramingError);
    expect(frames).toEqual([bytes(1)]);
  });
});

describe('FrameWriter', () => {
  test('concatenates frames that FrameDecoder splits back', () => {
    const writer = new FrameWriter(Request.encode);
    const reqs: Request[] = [{ echo: { message: 'a' } }, { flush: {} }, { checkTx: { tx: body(500), type: 0 } }];
    for (const r of reqs) writer.add(r);
    expect(writer.pendingBytes).toBeGreaterThan(500);
    const frames = decodeAll(new FrameDecoder(), [writer.take()]);
    expect(frames.map((f) => Request.decode(f))).toEqual(reqs.map((r) => Request.decode(Request.encode(r).finish())));
    expect(writer.pendingBytes).toBe(0);
  });

  test('a message that fails to encode leaves earlier frames intact', () => {
    const writer = new FrameWriter(Response.encode);
    writer.add({ echo: { message: 'ok' } });
    const malformed = { checkTx: { code: 0 } } as unknown as Response; // events missing
    expect(() => writer.add(malformed)).toThrow();
    writer.add({ flush: {} });
    const frames = decodeAll(new FrameDecoder(), [writer.take()]).map((f) => Response.decode(f));
    expect(frames.map((r) => Object.keys(r).filter((k) => r[k as keyof Response] !== undefined))).toEqual([
      ['echo'],
      ['flush'],
    ]);
  });

  test('a message above the maximum is refused', () => {
    const writer = new FrameWriter(Response.encode, 10);
    expect(() => writer.add({ echo: { message: 'x'.repeat(20) } })).toThrow(FramingError);
    expect(writer.pendingBytes).toBe(0);
  });
});
