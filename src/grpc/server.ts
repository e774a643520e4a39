/**
 * The gRPC transport: a @grpc/grpc-js server whose methods take and return raw protobuf bytes
 * (identity serializers), each dispatched through the MethodTable by its full path. Unknown
 * methods get grpc-js's UNIMPLEMENTED; server reflection (v1alpha and v1) is a bidi stream.
 */
import { Metadata, Server, ServerCredentials, type ServerDuplexStream, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';
import type { Logger } from '../abci/logger';
import { silentLogger } from '../abci/logger';
import type { MethodTable } from './methods';
import { BLOCK_HEIGHT_HEADER } from './query_height';
import { answerReflection } from './reflection';
import { REFLECTION_PACKAGES, reflectionServiceName } from './reflection_protos';
import { Code, statusOf } from './status';

export interface GrpcServerOptions {
  /** "host:port" (port 0 picks a free one). */
  address: string;
  table: MethodTable;
  logger?: Logger;
}

export interface RunningGrpcServer {
  /** "host:port" actually bound. */
  readonly address: string;
  close(): Promise<void>;
}

const identity = (b: Buffer): Buffer => b;
const toBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

export async function startGrpcServer(o: GrpcServerOptions): Promise<RunningGrpcServer> {
  const log = o.logger ?? silentLogger;
  const server = new Server({ 'grpc.max_receive_message_length': 10 << 20, 'grpc.max_send_message_length': 64 << 20 });
  const { table } = o;

  for (const service of table.services) {
    for (const m of table.methodsOf(service)) {
      const handler = (call: ServerUnaryCall<Buffer, Uint8Array>, callback: sendUnaryData<Uint8Array>) => {
        const values = call.metadata.get(BLOCK_HEIGHT_HEADER);
        const height = values.length === 1 ? String(values[0]) : undefined;
        table.invoke(m.path, call.request, height).then(
          (r) => {
            const md = new Metadata();
            md.set(BLOCK_HEIGHT_HEADER, String(r.height));
            call.sendMetadata(md);
            callback(null, r.bytes);
          },
          (err: unknown) => {
            const s = statusOf(err);
            if (s.code === Code.INTERNAL || s.code === Code.UNKNOWN) log.warn({ path: m.path, err: (err as Error)?.stack ?? String(err) }, 'grpc: call failed');
            callback({ code: s.code, details: s.message });
          },
        );
      };
      server.register(m.path, handler, toBuffer, identity, 'unary');
    }
  }

  const services = table.services;
  for (const pkg of REFLECTION_PACKAGES) {
    const path = `/${reflectionServiceName(pkg)}/ServerReflectionInfo`;
    const handler = (call: ServerDuplexStream<Buffer, Uint8Array>) => {
      call.on('data', (req: Buffer) => {
        try {
          call.write(answerReflection(req, services));
        } catch (err) {
          call.emit('error', { code: Code.INVALID_ARGUMENT, details: `malformed reflection request: ${(err as Error).message}` });
        }
      });
      call.on('end', () => call.end());
      call.on('error', () => undefined);
    };
    server.register(path, handler, toBuffer, identity, 'bidi');
  }

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(o.address, ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  const host = o.address.slice(0, o.address.lastIndexOf(':'));
  const address = `${host}:${port}`;
  log.info({ address, services: services.length }, 'grpc: listening');

  return {
    address,
    close: () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 2000);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}
