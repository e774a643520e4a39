/**
 * The server over real unix sockets: ordering, Flush, concurrency between connections, bad
 * input, and what application errors turn into.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Request,
  Response,
  ResponseApplySnapshotChunk_Result as ApplyChunkResult,
  ResponseCheckTx,
  ResponseFinalizeBlock,
  ResponseOfferSnapshot_Result as OfferSnapshotResult,
  ResponseProcessProposal_ProposalStatus as ProposalStatus,
  ResponseInfo,
  ResponseQuery,
  ResponseVerifyVoteExtension_VerifyStatus as VerifyStatus,
} from 'cosmjs-types/tendermint/abci/types';
import { DeepPartial } from 'cosmjs-types/helpers';
import pino from 'pino';
import { sdk } from '../types/errors';
import { Application, AppRequestType, BASE_APPLICATION, RequestType } from './application';
import { AbciClient } from './client';
import { frame } from './framing';
import { Logger } from './logger';
import { AbciServer, AbciServerOptions } from './server';

// ---- fixtures ---------------------------------------------------------------------------

interface LogLine {
  level: keyof Logger;
  obj: Record<string, unknown>;
  msg?: string;
}

function capturingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: keyof Logger) => (obj: object, msg?: string) =>
    lines.push({ level, obj: obj as Record<string, unknown>, msg });
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

/** An application that records every call, then behaves as `overrides` or the base application. */
function recordingApp(overrides: Application = {}): { app: Application; calls: AppRequestType[] } {
  const calls: AppRequestType[] = [];
  const app: Record<string, unknown> = {};
  for (const name of Object.keys(BASE_APPLICATION) as AppRequestType[]) {
    app[name] = (req: never) => {
      calls.push(name);
      const impl = (overrides[name] ?? BASE_APPLICATION[name]) as (r: never) => unknown;
      return impl.call(overrides, req);
    };
  }
  return { app: app as Application, calls };
}

/** A request of `type` with the given fields, the others at their defaults. */
function request<K extends AppRequestType>(type: K, fields?: DeepPartial<NonNullable<Request[K]>>): Request {
  return Request.fromPartial({ [type]: fields ?? {} } as DeepPartial<Request>);
}
const checkTx = (tx: string) => request('checkTx', { tx: Buffer.from(tx) });
const query = (path: string) => request('query', { path });
const finalizeBlock = (height: bigint) => request('finalizeBlock', { height });

function typeOf(res: Response): string[] {
  return Object.keys(res).filter((k) => res[k as keyof Response] !== undefined);
}

function deferred<T>(): { promise: Promise<T>; resolve(v: T): void; reject(e: unknown): void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 'pending' if `p` has not settled within `ms`. */
async function stateAfter(p: Promise<unknown>, ms: number): Promise<'resolved' | 'rejected' | 'pending'> {
  return Promise.race([
    p.then(
      () => 'resolved' as const,
      () => 'rejected' as const,
    ),
    sleep(ms).then(() => 'pending' as const),
  ]);
}

let dir: string;
let server: AbciServer | undefined;
const clients: AbciClient[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'abci-'));
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await server?.close();
  server = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function start(app: Application, options: Partial<AbciServerOptions> = {}) {
  const logger = capturingLogger();
  const fatal: Array<{ err: unknown; type: AppRequestType }> = [];
  server = new AbciServer(app, { logger, onFatal: (err, type) => fatal.push({ err, type }), ...options });
  const address = await server.listen(`unix://${join(dir, 'app.sock')}`);
  const connect = async () => {
    const c = await AbciClient.connect(address);
    clients.push(c);
    return c;
  };
  return { address, logger, fatal, connect };
}

// ---- basics -------------------------------------------------------------------------------

describe('requests and responses', () => {
  test('Echo and Flush are answered by the server; Info reaches the application', async () => {
    const { app, calls } = recordingApp({ info: () => ResponseInfo.fromPartial({ data: 'counter' }) });
    const { connect } = await start(app);
    const c = await connect();
    expect((await c.call({ echo: { message: 'hello' } })).echo?.message).toBe('hello');
    expect(typeOf(await c.send({ flush: {} }))).toEqual(['flush']);
    const info = await c.call(request('info', { version: '0.38.26', blockVersion: 11n, abciVersion: '2.0.0' }));
    expect(info.info?.data).toBe('counter');
    expect(calls).toEqual(['info']);
  });

  test('missing methods behave as Go BaseApplication', async () => {
    const { connect } = await start({});
    const c = await connect();
    expect((await c.call(checkTx('tx'))).checkTx?.code).toBe(0);
    const processed = await c.call(request('processProposal'));
    expect(processed.processProposal?.status).toBe(ProposalStatus.ACCEPT);
    const txs = [Buffer.from('aaaa'), Buffer.from('bbbb')];
    const prepared = await c.call(request('prepareProposal', { txs, maxTxBytes: 6n }));
    expect(prepared.prepareProposal?.txs).toHaveLength(1);
    const finalized = await c.call(request('finalizeBlock', { height: 1n, txs }));
    expect(finalized.finalizeBlock?.txResults.map((r) => r.code)).toEqual([0, 0]);
  });

  test('thousands of pipelined CheckTx in one write are all answered, in order', async () => {
    const { app, calls } = recordingApp({
      checkTx: (req) => ResponseCheckTx.fromPartial({ code: 0, log: Buffer.from(req.tx).toString() }),
    });
    const { connect } = await start(app);
    const c = await connect();
    const n = 5_000;
    const requests: Request[] = [];
    for (let i = 0; i < n; i++) requests.push(checkTx(`tx-${i}`));
    requests.push({ flush: {} });
    const responses = await sendBatch(c, requests);
    expect(responses.slice(0, n).map((r) => r.checkTx?.log)).toEqual(requests.slice(0, n).map((_, i) => `tx-${i}`));
    expect(typeOf(responses[n])).toEqual(['flush']);
    expect(calls).toHaveLength(n);
  });
});

/** Writes all requests in a single socket write and awaits every response. */
async function sendBatch(c: AbciClient, requests: Request[]): Promise<Response[]> {
  c.socket.cork();
  const out = requests.map((r) => c.send(r));
  c.socket.uncork();
  return Promise.all(out);
}

// ---- ordering, flush, concurrency ----------------------------------------------------------

describe('ordering and flushing', () => {
  test('responses come in request order when a slow async CheckTx precedes a fast one', async () => {
    const events: string[] = [];
    const { app } = recordingApp({
      checkTx: async (req) => {
        const tx = Buffer.from(req.tx).toString();
        events.push(`start ${tx}`);
        if (tx === 'slow') await sleep(60);
        events.push(`end ${tx}`);
        return ResponseCheckTx.fromPartial({ code: 0, log: tx });
      },
    });
    const { connect } = await start(app);
    const c = await connect();
    const [slow, fast] = await sendBatch(c, [checkTx('slow'), checkTx('fast'), { flush: {} }]);
    expect([slow.checkTx?.log, fast.checkTx?.log]).toEqual(['slow', 'fast']);
    // One request at a time per connection: the fast one starts after the slow one ends.
    expect(events).toEqual(['start slow', 'end slow', 'start fast', 'end fast']);
  });

  test('responses wait for Flush, then everything before the Flush is written', async () => {
    const { connect } = await start({}, { flushTimeoutMs: 60_000 });
    const c = await connect();
    const first = c.send(checkTx('a'));
    const second = c.send(query('/x'));
    expect(await stateAfter(first, 100)).toBe('pending');
    const flush = c.send({ flush: {} });
    const all = await Promise.all([first, second, flush]);
    expect(all.map(typeOf)).toEqual([['checkTx'], ['query'], ['flush']]);
  });

  test('without a Flush, responses are still written after flushTimeoutMs', async () => {
    const { connect } = await start({}, { flushTimeoutMs: 30 });
    const c = await connect();
    expect(typeOf(await c.send(checkTx('a')))).toEqual(['checkTx']);
  });

  test('without a Flush, responses are written once the buffer reaches writeHighWaterBytes', async () => {
    const { connect } = await start(
      { checkTx: () => ResponseCheckTx.fromPartial({ log: 'x'.repeat(100) }) },
      { flushTimeoutMs: 60_000, writeHighWaterBytes: 1_000 },
    );
    const c = await connect();
    const responses = Array.from({ length: 15 }, (_, i) => c.send(checkTx(`${i}`)));
    // 105 bytes each: the 10th brings the buffer past 1000 bytes and all 10 are written; the
    // last 5 (525 bytes) wait for a Flush.
    expect(await stateAfter(responses[9], 200)).toBe('resolved');
    expect(await stateAfter(responses[10], 50)).toBe('pending');
    await c.send({ flush: {} });
    expect(await stateAfter(responses[14], 0)).toBe('resolved');
  });

  test('a slow FinalizeBlock on one connection does not delay Query or CheckTx on others', async () => {
    const block = deferred<ResponseFinalizeBlock>();
    const { connect } = await start({
      finalizeBlock: () => block.promise,
      query: () => ResponseQuery.fromPartial({ code: 0, value: Buffer.from('v') }),
    });
    const [consensus, queries, mempool] = await Promise.all([connect(), connect(), connect()]);
    const finalized = consensus.call(finalizeBlock(1n));
    const q = await queries.call(query('/store/x'));
    expect(Buffer.from(q.query!.value).toString()).toBe('v');
    expect((await mempool.call(checkTx('t'))).checkTx?.code).toBe(0);
    expect(await stateAfter(finalized, 10)).toBe('pending');
    block.resolve(ResponseFinalizeBlock.fromPartial({ appHash: Buffer.from('h') }));
    expect(Buffer.from((await finalized).finalizeBlock!.appHash).toString()).toBe('h');
  });

  test('a burst of slow synchronous CheckTx is handled in slices: a Query on another connection is answered in between', async () => {
    const busy = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    let checked = 0;
    let checkedWhenQueried = -1;
    const { connect } = await start(
      {
        checkTx: (req) => {
          busy(2);
          checked++;
          return ResponseCheckTx.fromPartial({ log: Buffer.from(req.tx).toString() });
        },
        query: () => {
          checkedWhenQueried = checked;
          return ResponseQuery.fromPartial({ code: 0 });
        },
      },
      { sliceMs: 5 },
    );
    const [mempool, queries] = await Promise.all([connect(), connect()]);
    const n = 200; // 400 ms of work in one write
    const requests = Array.from({ length: n }, (_, i) => checkTx(`tx-${i}`));
    const burst = sendBatch(mempool, [...requests, { flush: {} }]);
    await sleep(20);
    await queries.call(query('/store/x'));
    const responses = await burst;
    expect(checkedWhenQueried).toBeGreaterThan(0);
    expect(checkedWhenQueried).toBeLessThan(n);
    expect(responses.slice(0, n).map((r) => r.checkTx?.log)).toEqual(requests.map((_, i) => `tx-${i}`));
  });

  test('reading pauses while requests queue behind a slow application, and resumes', async () => {
    const { app, calls } = recordingApp({ checkTx: async () => ResponseCheckTx.fromPartial({ code: 0 }) });
    const { connect, logger } = await start(app, { readHighWaterBytes: 2_000 });
    const c = await connect();
    const requests: Request[] = Array.from({ length: 2_000 }, (_, i) => checkTx(`${i}`.padEnd(250, '.')));
    const responses = await sendBatch(c, [...requests, { flush: {} }]);
    expect(responses).toHaveLength(2_001);
    expect(calls).toHaveLength(2_000);
    const flow = logger.lines.filter((l) => /^reading (paused|resumed)$/.test(l.msg ?? ''));
    expect(flow.some((l) => l.msg === 'reading paused' && (l.obj.queuedBytes as number) > 2_000)).toBe(true);
    expect(flow.at(-1)?.msg).toBe('reading resumed');
  });

  test('a client that stops reading gets every response once it reads again', async () => {
    const big = ResponseQuery.fromPartial({ value: new Uint8Array(64 * 1024) });
    const { connect, logger } = await start({ query: () => big });
    const c = await connect();
    c.socket.pause(); // our responses pile up in the kernel, then in the server
    const pending = Array.from({ length: 200 }, () => c.send(query('/big')));
    pending.push(c.send({ flush: {} }));
    await sleep(100);
    c.socket.resume();
    const all = await Promise.all(pending);
    expect(all.slice(0, 200).every((r) => r.query?.value.length === 64 * 1024)).toBe(true);
    expect(logger.lines.some((l) => l.msg === 'reading paused' && l.obj.writeBlocked === true)).toBe(true);
  });

  test('a client that half-closes after its requests still gets the answers', async () => {
    const { connect } = await start({ checkTx: async () => ResponseCheckTx.fromPartial({ code: 0 }) });
    const c = await connect();
    const res = c.send(checkTx('a'));
    const flush = c.send({ flush: {} });
    c.socket.end();
    expect(typeOf(await res)).toEqual(['checkTx']);
    await flush;
    await c.closed;
  });
});

// ---- bad input ------------------------------------------------------------------------------

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/ /g, ''), 'hex'));

describe('bad input closes only that connection, without calling the application', () => {
  test.each<[string, Uint8Array, boolean]>([
    ['garbage bytes (a 10-byte varint overflowing 64 bits)', new Uint8Array(12).fill(0xff), false],
    ['garbage bytes inside a frame (invalid protobuf wire type)', frame(Buffer.from('hello world')), false],
    ['a length prefix of 2^40', hex('80 80 80 80 80 20'), false],
    ['a frame that does not decode as a Request (truncated field)', frame(hex('42 10 01 02')), false],
    ['a Request with no field set (empty message)', frame(new Uint8Array()), false],
    ['a Request with only a reserved field (4, SetOption)', frame(hex('22 00')), false],
    ['a Request with two oneof fields set', frame(hex('0a 00 12 00')), false],
    ['a truncated frame followed by close', frame(Request.encode(checkTx('x'.repeat(50))).finish()).subarray(0, 20), true],
  ])('%s', async (_, bytes, thenEnd) => {
    const { app, calls } = recordingApp();
    const { connect, logger } = await start(app);
    const good = await connect();
    const bad = await connect();
    bad.writeRaw(bytes);
    if (thenEnd) bad.socket.end();
    await bad.closed; // the server closed it (or finished closing after our end)
    expect(calls).toEqual([]);
    expect(logger.lines.some((l) => l.level === 'error')).toBe(true);
    // The other connection and the server are unaffected.
    expect((await good.call({ echo: { message: 'still here' } })).echo?.message).toBe('still here');
    expect((await good.call(checkTx('ok'))).checkTx?.code).toBe(0);
    const fresh = await connect();
    expect((await fresh.call({ echo: { message: 'new' } })).echo?.message).toBe('new');
  });

  test('requests before the bad bytes are handled and answered; nothing after them', async () => {
    const { app, calls } = recordingApp();
    const { connect } = await start(app);
    const c = await connect();
    const first = c.send(checkTx('before'));
    c.writeRaw(frame(hex('22 00'))); // no known field
    c.writeRaw(frame(Request.encode(checkTx('after')).finish()));
    expect(typeOf(await first)).toEqual(['checkTx']);
    await c.closed;
    expect(calls).toEqual(['checkTx']);
  });
});

// ---- application errors ---------------------------------------------------------------------

describe('application errors', () => {
  test.each([
    ['throws', () => {
      throw new Error('boom');
    }],
    ['rejects', () => Promise.reject(new Error('boom'))],
  ])('CheckTx %s: code 1, codespace "undefined", log "internal error: boom"', async (_, impl) => {
    const { connect, fatal } = await start({ checkTx: impl as Application['checkTx'] });
    const c = await connect();
    const res = (await c.call(checkTx('t'))).checkTx!;
    expect([res.codespace, res.code, res.log]).toEqual(['undefined', 1, 'internal error: boom']);
    expect(fatal).toEqual([]);
    expect((await c.call({ echo: { message: 'alive' } })).echo?.message).toBe('alive');
  });

  test('CheckTx throwing a registered error answers with its codespace and code', async () => {
    const { connect } = await start({
      checkTx: () => {
        throw sdk.InsufficientFee('got 1uhyper, need 10uhyper');
      },
    });
    const res = (await (await connect()).call(checkTx('t'))).checkTx!;
    expect([res.codespace, res.code, res.log]).toEqual(['sdk', 13, 'got 1uhyper, need 10uhyper: insufficient fee']);
  });

  test('Query throwing answers code 1, codespace "undefined"', async () => {
    const { connect } = await start({
      query: async () => {
        throw new Error('no such store');
      },
    });
    const res = (await (await connect()).call(query('/store/nope'))).query!;
    expect([res.codespace, res.code, res.log]).toEqual(['undefined', 1, 'internal error: no such store']);
  });

  test('a response that cannot be encoded counts as an application error', async () => {
    const { connect } = await start({ checkTx: () => ({ code: 0 }) as unknown as ResponseCheckTx });
    const res = (await (await connect()).call(checkTx('t'))).checkTx!;
    expect([res.codespace, res.code]).toEqual(['undefined', 1]);
    expect(res.log).toMatch(/^internal error: cannot encode the checkTx response/);
  });

  test.each<[AppRequestType, Request, (r: Response) => unknown, unknown]>([
    ['processProposal', request('processProposal'), (r) => r.processProposal?.status, ProposalStatus.REJECT],
    ['prepareProposal', request('prepareProposal', { txs: [Buffer.from('tx')] }), (r) => r.prepareProposal?.txs, []],
    ['verifyVoteExtension', request('verifyVoteExtension'), (r) => r.verifyVoteExtension?.status, VerifyStatus.REJECT],
    ['extendVote', request('extendVote'), (r) => r.extendVote?.voteExtension.length, 0],
    ['listSnapshots', request('listSnapshots'), (r) => r.listSnapshots?.snapshots, []],
    ['offerSnapshot', request('offerSnapshot'), (r) => r.offerSnapshot?.result, OfferSnapshotResult.REJECT],
    ['loadSnapshotChunk', request('loadSnapshotChunk'), (r) => r.loadSnapshotChunk?.chunk.length, 0],
    ['applySnapshotChunk', request('applySnapshotChunk'), (r) => r.applySnapshotChunk?.result, ApplyChunkResult.ABORT],
  ])('%s throwing gets a safe default answer', async (type, req, pick, want) => {
    const { connect, fatal, logger } = await start({
      [type]: () => {
        throw new Error(`${type} broke`);
      },
    });
    const res = await (await connect()).call(req);
    expect(pick(res)).toEqual(want);
    expect(fatal).toEqual([]);
    expect(logger.lines.find((l) => l.level === 'error')?.obj.type).toBe(type);
  });

  test.each<AppRequestType>(['finalizeBlock', 'initChain', 'commit', 'info'])(
    '%s failing calls onFatal, is never answered, and closes every connection',
    async (type) => {
      const err = new Error('disk full');
      const { connect, fatal, address } = await start({ [type]: async () => Promise.reject(err) });
      const [consensus, other] = await Promise.all([connect(), connect()]);
      const answer = consensus.call(request(type));
      await expect(answer).rejects.toThrow(); // closed (or reset) without an answer
      await Promise.all([consensus.closed, other.closed]);
      expect(fatal).toEqual([{ err, type }]);
      expect(server!.connectionCount).toBe(0);
      // The server no longer accepts connections.
      await expect(AbciClient.connect(address).then((c) => c.call({ echo: { message: '' } }))).rejects.toThrow();
    },
  );

  test('a synchronous throw in FinalizeBlock is fatal too, and onFatal is called once', async () => {
    const { connect, fatal } = await start({
      finalizeBlock: () => {
        throw new Error('bad block');
      },
    });
    const [a, b] = await Promise.all([connect(), connect()]);
    const ra = a.call(finalizeBlock(1n));
    const rb = b.call(finalizeBlock(1n));
    await Promise.allSettled([ra, rb]);
    await expect(ra).rejects.toThrow();
    expect(fatal.map((f) => f.type)).toEqual(['finalizeBlock']);
  });
});

// ---- listening and closing ------------------------------------------------------------------

describe('listen and close', () => {
  test('a stale unix socket file is replaced; a live one or a regular file is refused', async () => {
    const path = join(dir, 'app.sock');
    const first = new AbciServer({}, { logger: capturingLogger(), onFatal: () => {} });
    await first.listen(`unix://${path}`);
    const second = new AbciServer({}, { logger: capturingLogger(), onFatal: () => {} });
    await expect(second.listen(`unix://${path}`)).rejects.toThrow(/another process is listening/);
    await first.close();

    // A socket file whose server died without unlinking it: simulate by binding a raw socket.
    const { createServer } = await import('node:net');
    const raw = createServer();
    await new Promise<void>((r) => raw.listen(path, r));
    const stale = `${path}.stale`;
    await import('node:fs/promises').then((fs) => fs.rename(path, stale));
    await new Promise<void>((r) => raw.close(() => r()));
    expect(existsSync(stale)).toBe(true);
    await second.listen(`unix://${stale}`);
    const c = await AbciClient.connect(`unix://${stale}`);
    expect((await c.call({ echo: { message: 'x' } })).echo?.message).toBe('x');
    await c.close();
    await second.close();

    const file = join(dir, 'not-a-socket');
    await writeFile(file, 'keep me');
    const third = new AbciServer({}, { logger: capturingLogger(), onFatal: () => {} });
    await expect(third.listen(`unix://${file}`)).rejects.toThrow(/not a unix socket/);
  });

  test('a pino logger is accepted as is', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    server = new AbciServer({}, { logger, onFatal: () => {} });
    await server.listen(`unix://${join(dir, 'app.sock')}`);
    expect(lines.map((l) => JSON.parse(l).msg)).toContain('ABCI server listening');
  });

  test('tcp port 0 resolves to the bound port', async () => {
    server = new AbciServer({}, { logger: capturingLogger(), onFatal: () => {} });
    const address = await server.listen('tcp://127.0.0.1:0');
    expect(address).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(address).not.toBe('tcp://127.0.0.1:0');
    const c = await AbciClient.connect(address);
    clients.push(c);
    expect((await c.call({ echo: { message: 'tcp' } })).echo?.message).toBe('tcp');
  });

  test('close() ends every connection and stops listening', async () => {
    const { connect, address } = await start({ checkTx: () => new Promise<never>(() => {}) });
    const [a, b] = await Promise.all([connect(), connect()]);
    const hanging = a.call(checkTx('never answered'));
    await server!.close();
    await Promise.all([a.closed, b.closed]);
    await expect(hanging).rejects.toThrow();
    await expect(AbciClient.connect(address)).rejects.toThrow();
  });
});

describe('request types', () => {
  test('every v0.38 request type reaches its application method', async () => {
    const { app, calls } = recordingApp();
    const { connect } = await start(app);
    const c = await connect();
    const types = Object.keys(BASE_APPLICATION) as AppRequestType[];
    const requests: Array<[RequestType, Request]> = types.map((type) => [type, request(type)]);
    for (const [type, req] of requests) expect(typeOf(await c.call(req))).toEqual([type]);
    expect(calls).toEqual(requests.map(([t]) => t));
  });
});
