/**
 * A minimal ABCI socket client, the way CometBFT's socket client talks: requests are
 * pipelined, responses come back in request order, and the server writes them when it gets a
 * Flush. For tests and benchmarks; CometBFT is the real client.
 */
import { connect, Socket } from 'node:net';
import { Request, Response } from 'cosmjs-types/tendermint/abci/types';
import { FrameDecoder, FrameWriter } from './framing';
import { parseListenAddress } from './listen_address';

export class AbciClient {
  private readonly decoder = new FrameDecoder();
  private readonly pending: Array<{ resolve(res: Response): void; reject(err: Error): void }> = [];
  private pendingHead = 0;
  private readonly out = new FrameWriter(Request.encode);
  private error: Error | undefined;
  /** Resolves when the socket has closed, for any reason. */
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      try {
        this.decoder.push(chunk, (body) => this.next()?.resolve(Response.decode(body)));
      } catch (err) {
        this.fail(err as Error);
        socket.destroy();
      }
    });
    socket.on('error', (err) => this.fail(err));
    this.closed = new Promise((resolve) =>
      socket.on('close', () => {
        this.fail(new Error('connection closed'));
        resolve();
      }),
    );
  }

  /** Connects to `unix:///path` or `tcp://host:port`. */
  static connect(address: string): Promise<AbciClient> {
    const parsed = parseListenAddress(address);
    return new Promise((resolve, reject) => {
      const socket = parsed.kind === 'unix' ? connect(parsed.path) : connect(parsed.port, parsed.host);
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new AbciClient(socket));
      });
    });
  }

  /** Sends a request without Flush; its response arrives once the server flushes. */
  send(req: Request): Promise<Response> {
    if (this.error !== undefined) return Promise.reject(this.error);
    this.out.add(req);
    this.socket.write(this.out.take());
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }

  /** Sends a request followed by Flush and resolves with its response. */
  async call(req: Request): Promise<Response> {
    const [res] = await Promise.all([this.send(req), this.send({ flush: {} })]);
    return res;
  }

  /** Writes raw bytes, e.g. malformed frames, bypassing request encoding. */
  writeRaw(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  close(): Promise<void> {
    this.socket.destroy();
    return this.closed;
  }

  private next(): { resolve(res: Response): void } | undefined {
    if (this.pendingHead === this.pending.length) {
      this.fail(new Error('unsolicited response'));
      return undefined;
    }
    return this.pending[this.pendingHead++];
  }

  private fail(err: Error): void {
    this.error ??= err;
    while (this.pendingHead < this.pending.length) this.pending[this.pendingHead++].reject(err);
  }
}
