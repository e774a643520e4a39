/**
 * Builds the explorer web app into ./dist (served by src/explorer/server.ts at / on the REST port).
 * `npm run build:explorer` runs `vite build src/explorer/web`. For development against a running
 * node: `npx vite src/explorer/web` proxies the API paths to EXPLORER_API (default 127.0.0.1:1317).
 */
import { defineConfig } from 'vite';

const api = process.env.EXPLORER_API ?? 'http://127.0.0.1:1317';

export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    sourcemap: false,
    reportCompressedSize: true,
  },
  server: {
    proxy: { '/explorer': api, '/cosmos': api, '/hypermesh': api },
  },
});
