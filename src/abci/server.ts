/**
 * The ABCI socket server CometBFT connects to (`proxy_app`). It accepts any number of
 * connections (CometBFT opens four: consensus, mempool, query, snapshot) and serves each
 * independently; it knows nothing of chain logic, which lives behind `Application`.
 */
import { createServer, Server, Socket } from 'node:net';
import { Application, AppRequestType, CompleteApplication, completeApplication } from './application';
import { Connection } from './connection';
import { MAX_MESSAGE_BYTES } from './framing';
import { formatListenAddress, ListenAddress, parseListenAddress, removeStaleUnixSocket } from './listen_address';
import { Logger } from './logger';

export interface AbciServerOptions {
  readonly logger: Logger;
  /**
   * Called once when the application throws (or rejects) during InitChain, FinalizeBlock,
   * Commit or Info. The request is not answered and the server closes every connection and
   * stops listening; the owner must stop the node and report `err`.
   */
  readonly onFatal: (err: unknown, requestType: AppRequestType) => void;
  /**
   * Called with the txs of new CheckTx requests as soon as they are read, before they are handled
   * (in order, later): a chance to start work that does not depend on state, such as signature
   * verification on other threads. Must not change state; errors are logged and ignored.
   */
  readonly lookahead?: (checkTxs: Uint8Array[]) => void;
  /** Largest message accepted or sent. Default: CometBFT's own limit, MAX_MESSAGE_BYTES. */
  readonly maxMessageBytes?: number;
  /** Longest time a response waits for the client's Flush before it is written. Default 20 ms. */
  readonly flushTimeoutMs?: number;
  /** Responses are written without waiting for Flush once this many bytes are buffered. Default 64 KiB. */
  readonly writeHighWaterBytes?: number;
  /** A connection stops reading while this many request bytes wait to be handled. Default 16 MiB. */
  readonly readHighWaterBytes?: number;
  /**
   * A connection handles queued requests for at most this long before it lets the rest of the
   * process run (queries on other connections, gRPC, REST), then carries on. Default 10 ms.
   */
  readonly sliceMs?: number;
}

export class AbciServer {
  private readonly app: CompleteApplication;
  private readonly logger: Logger;
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private nextConnectionId = 1;
  private bound: ListenAddress | undefined;
  private failed = false;

  constructor(
    app: Application,
    private readonly options: AbciServerOptions,
  ) {
    this.app = completeApplication(app);
    this.logger = options.logger;
    // allowHalfOpen: a client that shuts down its sending side still gets its answers.
    this.server = createServer({ allowHalfOpen: true }, (socket) => this.accept(socket));
    this.server.on('error', (err) => this.logger.error({ err }, 'ABCI server error'));
  }

  /**
   * Listens on `unix:///path` (a stale socket file is removed first) or `tcp://host:port`.
   * Resolves with the bound address, in which port 0 is replaced by the actual port.
   */
  async listen(address: string): Promise<string> {
    if (this.server.listening) throw new Error(`ABCI server already listening on ${this.address}`);
    const parsed = parseListenAddress(address);
    if (parsed.kind === 'unix') await removeStaleUnixSocket(parsed.path);
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      const done = () => {
        this.server.off('error', reject);
        resolve();
      };
      if (parsed.kind === 'unix') this.server.listen(parsed.path, done);
      else this.server.listen({ host: parsed.host, port: parsed.port }, done);
    });
    const actual = this.server.address();
    this.bound =
      parsed.kind === 'tcp' && actual !== null && typeof actual === 'object'
        ? { kind: 'tcp', host: parsed.host, port: actual.port }
        : parsed;
    const bound = formatListenAddress(this.bound);
    this.logger.info({ address: bound }, 'ABCI server listening');
    return bound;
  }

  /** The address listened on, once `listen` resolved. */
  get address(): string | undefined {
    return this.bound === undefined ? undefined : formatListenAddress(this.bound);
  }

  /** Open connections. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Stops listening and closes every connection at once (their pending requests are dropped). */
  async close(): Promise<void> {
    for (const conn of this.connections) conn.destroy();
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.logger.info({ address: this.address }, 'ABCI server closed');
  }

  private accept(socket: Socket): void {
    if (this.failed) {
      socket.destroy();
      return;
    }
    const conn = new Connection(socket, {
      id: this.nextConnectionId++,
      app: this.app,
      logger: this.logger,
      maxMessageBytes: this.options.maxMessageBytes ?? MAX_MESSAGE_BYTES,
      flushTimeoutMs: this.options.flushTimeoutMs ?? 20,
      writeHighWaterBytes: this.options.writeHighWaterBytes ?? 64 * 1024,
      readHighWaterBytes: this.options.readHighWaterBytes ?? 16 * 1024 * 1024,
      sliceMs: this.options.sliceMs ?? 5,
      onFatal: (err, type) => this.fatal(err, type),
      onClosed: (closed) => this.connections.delete(closed),
      lookahead: this.options.lookahead,
    });
    this.connections.add(conn);
    this.logger.info({ conn: conn.id, remote: socket.remoteAddress ?? this.address }, 'ABCI connection opened');
  }

  /** The application failed where it must not: tell the owner, then cut CometBFT off. */
  private fatal(err: unknown, type: AppRequestType): void {
    if (this.failed) return;
    this.failed = true;
    this.logger.error({ err, requestType: type }, `application failed during ${type}; closing all ABCI connections`);
    try {
      this.options.onFatal(err, type);
    } catch (cbErr) {
      this.logger.error({ err: cbErr }, 'onFatal callback threw');
    }
    void this.close();
  }
}
