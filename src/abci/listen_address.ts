/**
 * Listen addresses in CometBFT's `proxy_app` syntax: `unix:///abs/path.sock` or
 * `tcp://host:port`. As in CometBFT's libs/net, everything after `unix://` is the path.
 */
import { lstat, unlink } from 'node:fs/promises';
import { connect } from 'node:net';

export type ListenAddress =
  | { readonly kind: 'unix'; readonly path: string }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number };

export function parseListenAddress(address: string): ListenAddress {
  if (address.startsWith('unix://')) {
    const path = address.slice('unix://'.length);
    if (path === '') throw new Error(`invalid ABCI listen address ${address}: empty socket path`);
    return { kind: 'unix', path };
  }
  const tcp = /^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[^:/[\]]*):(\d{1,5})$/.exec(address);
  if (tcp !== null) {
    const port = Number(tcp[2]);
    if (port > 65535) throw new Error(`invalid ABCI listen address ${address}: port out of range`);
    const host = tcp[1].startsWith('[') ? tcp[1].slice(1, -1) : tcp[1];
    return { kind: 'tcp', host: host === '' ? '0.0.0.0' : host, port };
  }
  throw new Error(`invalid ABCI listen address ${address}: expected unix:///path or tcp://host:port`);
}

export function formatListenAddress(address: ListenAddress): string {
  if (address.kind === 'unix') return `unix://${address.path}`;
  return `tcp://${address.host.includes(':') ? `[${address.host}]` : address.host}:${address.port}`;
}

/**
 * Removes a unix socket file left behind by a process that died without closing it. Refuses
 * when the path is not a socket (never delete a user's file) or a live server answers on it.
 */
export async function removeStaleUnixSocket(path: string): Promise<void> {
  let isSocket: boolean;
  try {
    isSocket = (await lstat(path)).isSocket();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (!isSocket) throw new Error(`cannot listen on ${path}: the file exists and is not a unix socket`);
  if (await someoneListens(path)) throw new Error(`cannot listen on ${path}: another process is listening on it`);
  await unlink(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ENOENT') throw err;
  });
}

function someoneListens(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false)); // ECONNREFUSED: nobody behind the file
  });
}
