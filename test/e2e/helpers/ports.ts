/** Free loopback ports, picked by binding port 0 and releasing it. */
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function freePorts<K extends string>(...names: K[]): Promise<Record<K, number>> {
  const out = {} as Record<K, number>;
  const used = new Set<number>();
  for (const n of names) {
    let p = await freePort();
    while (used.has(p)) p = await freePort();
    used.add(p);
    out[n] = p;
  }
  return out;
}
