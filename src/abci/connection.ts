/**
 * One ABCI socket connection: reads framed Requests, calls the application one request at a
 * time in arrival order, and writes the Responses in the same order, batched until the
 * client's Flush (or a size or time limit).
 */
import type { Socket } from 'node:net';
import { CheckTxType, Request, Response } from 'cosmjs-types/tendermint/abci/types';
import { AppRequestType, CompleteApplication } from './application';
import { callApplication, recoveryResponse, requestTypeOf, ResponseOf, wrapResponse } from './dispatch';
import { FrameDecoder, FrameWriter } from './framing';
import { Logger } from './logger';
import { INTERNAL_CODE, INTERNAL_CODESPACE, toAbciError } from '../types/errors';

export interface ConnectionOptions {
  readonly id: number;
  readonly app: CompleteApplication;
  readonly logger: Logger;
  readonly maxMessageBytes: number;
  /** Longest time a response waits in the buffer for the client's Flush. */
  readonly flushTimeoutMs: number;
  /** Buffered responses are written without waiting for Flush once they reach this size. */
  readonly writeHighWaterBytes: number;
  /** Reading from the socket pauses while this many request bytes wait to be handled. */
  readonly readHighWaterBytes: number;
  /** The application failed on a request whose failure must stop the node. */
  readonly onFatal: (err: unknown, type: AppRequestType) => void;
  /** The socket is closed; called once. */
  readonly onClosed: (conn: Connection) => void;
  /** Longest stretch of request handling before other work of the process (queries) gets a turn. */
  readonly sliceMs: number;
  /** See AbciServerOptions.lookahead. */
  readonly lookahead?: (checkTxs: Uint8Array[]) => void;
}

const FLUSH_RESPONSE: Response = { flush: {} };

/** How long a closing connection waits for its last responses to be sent before dropping them. */
const CLOSE_GRACE_MS = 1_000;

export class Connection {
  private readonly decoder: FrameDecoder;
  private readonly out: FrameWriter<Response>;
  /** Request frames received and not yet handled; queue[head] is next. */
  private queue: Uint8Array[] = [];
  /** Requests already decoded for the lookahead, by queue index (decoded once, handled later). */
  private decoded: (Request | undefined)[] = [];
  private lookedAhead = 0;
  private head = 0;
  private queuedBytes = 0;
  /** Set once no more requests will be read; the connection closes when the queue is done. */
  private inputEnd: { reason: string; error: boolean } | undefined;
  /** An application promise is pending: the next request waits for it. */
  private busy = false;
  private closing = false;
  private closed = false;
  private paused = false;
  private writeBlocked = false;
  /** A Flush was handled: write at the end of this pump, so one chunk's responses go in one write. */
  private flushRequested = false;
  private flushTimer: NodeJS.Timeout | undefined;
  /** The rest of the queue is handled in a later turn of the event loop (the slice ran out). */
  private pumpScheduled = false;
  private readonly enqueue = (body: Uint8Array): void => {
    this.queue.push(body);
    this.queuedBytes += body.length;
  };

  constructor(
    private readonly socket: Socket,
    private readonly opts: ConnectionOptions,
  ) {
    this.decoder = new FrameDecoder(opts.maxMessageBytes);
    this.out = new FrameWriter(Response.encode, opts.maxMessageBytes);
    socket.setNoDelay(true); // we batch ourselves; Nagle would only add latency to a Flush
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('end', () => this.onEnd());
    socket.on('drain', () => {
      this.writeBlocked = false;
      this.updateFlow();
    });
    socket.on('error', (err) => this.log('info', { err }, 'socket error'));
    socket.on('close', () => this.onClose());
  }

  get id(): number {
    return this.opts.id;
  }

  /** Closes at once: nothing more is handled or written. An in-flight application call still runs. */
  destroy(): void {
    this.dropQueue();
    this.closed = true;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (this.inputEnd !== undefined || this.closed) return;
    try {
      this.decoder.push(chunk, this.enqueue);
    } catch (err) {
      // Requests before the bad bytes are still handled; nothing after them is read.
      this.endInput(`bad frame: ${(err as Error).message}`, true);
    }
    if (this.opts.lookahead) this.lookahead(this.opts.lookahead);
    this.pump();
  }

  /** Shows the application the CheckTx txs just queued, so it can start work on them early. */
  private lookahead(fn: (txs: Uint8Array[]) => void): void {
    const txs: Uint8Array[] = [];
    for (let i = Math.max(this.lookedAhead, this.head); i < this.queue.length; i++) {
      let req: Request;
      try {
        req = Request.decode(this.queue[i]);
      } catch {
        break; // handle() reports it in order
      }
      this.decoded[i] = req;
      if (req.checkTx && req.checkTx.type === CheckTxType.NEW) txs.push(req.checkTx.tx);
    }
    this.lookedAhead = this.queue.length;
    if (txs.length === 0) return;
    try {
      fn(txs);
    } catch (err) {
      this.log('error', { err }, 'lookahead failed');
    }
  }

  private onEnd(): void {
    if (this.inputEnd !== undefined) return;
    if (this.decoder.hasPartialFrame) {
      this.endInput(`peer closed in the middle of a frame (${this.decoder.pendingBytes} bytes received)`, true);
    } else {
      this.endInput('peer closed the connection', false);
    }
    this.pump();
  }

  private onClose(): void {
    const dropped = this.queue.length - this.head;
    if (this.inputEnd === undefined && this.decoder.hasPartialFrame) {
      this.log('error', { pendingBytes: this.decoder.pendingBytes }, 'connection lost in the middle of a frame');
    }
    this.closed = true;
    this.dropQueue();
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    this.log('info', dropped > 0 ? { unhandledRequests: dropped } : {}, 'connection closed');
    this.opts.onClosed(this);
  }

  private endInput(reason: string, error: boolean): void {
    this.inputEnd = { reason, error };
    this.updateFlow();
  }

  /** Handles queued requests in order until one is pending on a promise or the queue is empty. */
  private pump(): void {
    const sliceEnd = performance.now() + this.opts.sliceMs;
    while (!this.busy && !this.closed && !this.closing) {
      if (this.head < this.queue.length && performance.now() >= sliceEnd) {
        // many requests queued (CometBFT's recheck, a burst of CheckTx): let queries in between
        if (!this.pumpScheduled) {
          this.pumpScheduled = true;
          setImmediate(() => {
            this.pumpScheduled = false;
            this.pump();
          });
        }
        break;
      }
      if (this.head === this.queue.length) {
        if (this.head > 0) this.dropQueue(); // start a fresh array rather than grow this one forever
        if (this.inputEnd !== undefined) this.close();
        break;
      }
      const body = this.queue[this.head];
      const decoded = this.decoded[this.head];
      this.decoded[this.head] = undefined;
      this.queue[this.head++] = EMPTY; // release the bytes now, not when the queue empties
      this.queuedBytes -= body.length;
      this.handle(body, decoded);
    }
    if (this.flushRequested) this.flush();
    this.updateFlow();
    this.scheduleFlush();
  }

  private handle(body: Uint8Array, decoded: Request | undefined): void {
    let req: Request;
    try {
      req = decoded ?? Request.decode(body);
    } catch (err) {
      return this.badRequest(`does not decode as a Request: ${(err as Error).message}`, body);
    }
    const type = requestTypeOf(req);
    if (type === undefined) return this.badRequest('sets no known request type, or more than one', body);
    if (type === 'flush') {
      this.out.add(FLUSH_RESPONSE);
      this.flushRequested = true; // written when this pump ends (CometBFT flushes after every CheckTx)
      return;
    }
    if (type === 'echo') return this.out.add({ echo: { message: req.echo!.message } });

    let result: ReturnType<typeof callApplication>;
    try {
      result = callApplication(this.opts.app, type, req);
    } catch (err) {
      return this.appFailed(type, err);
    }
    if (!isPromiseLike(result)) return this.reply(type, result);
    this.busy = true;
    result.then(
      (res) => this.settled(() => this.reply(type, res)),
      (err) => this.settled(() => this.appFailed(type, err)),
    );
  }

  private settled(then: () => void): void {
    this.busy = false;
    then();
    this.pump();
  }

  private reply<K extends AppRequestType>(type: K, res: ResponseOf<K>): void {
    if (this.closed) return this.log('debug', { type }, 'application answered after the connection closed; dropped');
    try {
      this.out.add(wrapResponse(type, res));
    } catch (err) {
      const message = `cannot encode the ${type} response: ${(err as Error).message}`;
      return this.appFailed(type, new Error(message, { cause: err }));
    }
    if (this.out.pendingBytes >= this.opts.writeHighWaterBytes) this.flush();
  }

  private appFailed(type: AppRequestType, err: unknown): void {
    const res = recoveryResponse(type, err);
    if (res === undefined) {
      // Fatal even if this connection is gone: the application's state can no longer be trusted.
      this.busy = true; // nothing after a fatal failure is handled on this connection
      this.opts.onFatal(err, type);
      return;
    }
    if (this.closed) return this.log('info', { type, err }, 'application failed after the connection closed');
    const { codespace, code } = toAbciError(err);
    const internal = codespace === INTERNAL_CODESPACE && code === INTERNAL_CODE;
    this.log(internal ? 'error' : 'debug', { type, err }, `application error in ${type}; answered with a safe default`);
    this.out.add(res);
  }

  /** Bad input from the peer: close the connection; the application never sees the request. */
  private badRequest(problem: string, body: Uint8Array): void {
    this.endInput(`request of ${body.length} bytes ${problem}`, true);
    this.dropQueue();
    this.close();
  }

  /** Writes what is buffered and closes; used once the queue is done or input was bad. */
  private close(): void {
    if (this.closing || this.closed) return;
    this.closing = true;
    const end = this.inputEnd!;
    this.log(end.error ? 'error' : 'info', { reason: end.reason }, 'closing connection');
    this.flush();
    // end() sends the last responses; destroy() after, so a peer that never closes its side
    // (or never reads) cannot keep the socket alive.
    const grace = setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS);
    grace.unref();
    this.socket.end(() => {
      clearTimeout(grace);
      this.socket.destroy();
    });
  }

  private flush(): void {
    this.flushRequested = false;
    if (this.flushTimer !== undefined) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    if (this.out.pendingBytes === 0 || this.closed) return;
    if (!this.socket.write(this.out.take())) {
      this.writeBlocked = true;
      this.updateFlow();
    }
  }

  /** Never hold a response indefinitely: if no Flush comes, write after flushTimeoutMs. */
  private scheduleFlush(): void {
    if (this.out.pendingBytes === 0 || this.flushTimer !== undefined || this.closed) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, this.opts.flushTimeoutMs);
    this.flushTimer.unref();
  }

  /** Stops reading while the peer does not read our responses or too many requests wait. */
  private updateFlow(): void {
    if (this.closed) return;
    const pause =
      this.inputEnd !== undefined || this.writeBlocked || this.queuedBytes > this.opts.readHighWaterBytes;
    if (pause === this.paused) return;
    this.paused = pause;
    if (pause) this.socket.pause();
    else this.socket.resume();
    if (this.inputEnd === undefined) {
      const fields = { writeBlocked: this.writeBlocked, queuedBytes: this.queuedBytes };
      this.log('debug', fields, pause ? 'reading paused' : 'reading resumed');
    }
  }

  private dropQueue(): void {
    this.queue = [];
    this.decoded = [];
    this.lookedAhead = 0;
    this.head = 0;
    this.queuedBytes = 0;
  }

  private log(level: keyof Logger, fields: object, msg: string): void {
    this.opts.logger[level]({ conn: this.opts.id, ...fields }, msg);
  }
}

const EMPTY = new Uint8Array(0);

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as PromiseLike<T> | null)?.then === 'function';
}
