/**
 * Serves the built web app (web/dist): content types, gzip when the client takes it, long-lived
 * caching for content-hashed assets (dist/assets/*), revalidation (ETag) for everything else.
 * Files are read once and kept in memory (the bundle is small), re-read when they change on disk.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

interface Cached {
  mtimeMs: number;
  size: number;
  body: Buffer;
  gzip?: Buffer;
  etag: string;
  type: string;
}

export class StaticFiles {
  private readonly cache = new Map<string, Cached>();

  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  /** True when the build output is there. */
  available(): boolean {
    return fs.existsSync(path.join(this.root, 'index.html'));
  }

  /** The file under root for a URL path, or undefined (no escaping root, no directories). */
  resolve(urlPath: string): string | undefined {
    let rel: string;
    try {
      rel = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    if (rel.includes('\0')) return undefined;
    const file = path.resolve(this.root, '.' + path.posix.normalize('/' + rel));
    if (!file.startsWith(this.root + path.sep)) return undefined;
    try {
      return fs.statSync(file).isFile() ? file : undefined;
    } catch {
      return undefined;
    }
  }

  /** Sends `file`; `immutable` for content-hashed names. */
  send(req: http.IncomingMessage, res: http.ServerResponse, file: string, immutable: boolean): void {
    const f = this.load(file);
    res.setHeader('Content-Type', f.type);
    res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('ETag', f.etag);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === f.etag) {
      res.statusCode = 304;
      res.end();
      return;
    }
    const gz = f.gzip && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gz ? f.gzip! : f.body;
    if (gz) res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', body.length);
    res.statusCode = 200;
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  private load(file: string): Cached {
    const st = fs.statSync(file);
    const hit = this.cache.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit;
    const body = fs.readFileSync(file);
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const compressible = /^(text\/|application\/json|image\/svg)/.test(type) && body.length > 512;
    const c: Cached = {
      mtimeMs: st.mtimeMs,
      size: st.size,
      body,
      gzip: compressible ? zlib.gzipSync(body, { level: 9 }) : undefined,
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
      type,
    };
    this.cache.set(file, c);
    return c;
  }
}

/** Where the web build is: web/dist beside this file, or the source tree's when running from dist/. */
export function defaultStaticDir(): string {
  const candidates = [path.join(__dirname, 'web', 'dist'), path.resolve(__dirname, '../../../src/explorer/web/dist')];
  return candidates.find((d) => fs.existsSync(path.join(d, 'index.html'))) ?? candidates[0];
}
