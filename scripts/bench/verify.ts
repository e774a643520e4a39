/**
 * Signature verification and hashing speed: OpenSSL (node:crypto, with and without the key
 * cache) against @noble/curves, for 10,000 distinct keys and for a few keys signing often.
 * The numbers in src/crypto/README.md come from this script.
 *
 * Run (no TS runner is installed, so compile first):
 *   npx tsc --outDir dist/bench --rootDir . --module commonjs --target es2022 \
 *     --moduleResolution node10 --esModuleInterop --skipLibCheck --types node scripts/bench/verify.ts
 *   node dist/bench/scripts/bench/verify.js          # BENCH_N=2000 for a quick run
 */
import { createHash, hash as nodeHash, randomBytes } from 'node:crypto';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { publicKeyOf, sign } from '../../src/crypto/sign';
import type { KeyAlgo } from '../../src/crypto/pubkey';
import { createOpenSslVerifier, createWasmVerifier, nobleVerifier, type SignatureVerifier } from '../../src/crypto/verify';

const N = Number(process.env.BENCH_N ?? 10_000);
const SIGN_BYTES_LEN = 250; // a typical SignDoc: one MsgSend, fee, chain id

interface Sample {
  pub: Uint8Array;
  msg: Uint8Array;
  sig: Uint8Array;
}

function samples(algo: KeyAlgo, count: number, distinctKeys: number): Sample[] {
  const keys = Array.from({ length: distinctKeys }, () => {
    const priv = algo === 'secp256k1' ? randomScalar() : new Uint8Array(randomBytes(32));
    return { priv, pub: publicKeyOf(algo, priv).key };
  });
  return Array.from({ length: count }, (_, i) => {
    const k = keys[i % distinctKeys]!;
    const msg = new Uint8Array(randomBytes(SIGN_BYTES_LEN));
    return { pub: k.pub, msg, sig: sign(algo, k.priv, msg) };
  });
}

function randomScalar(): Uint8Array {
  for (;;) {
    const k = new Uint8Array(randomBytes(32));
    try {
      publicKeyOf('secp256k1', k);
      return k;
    } catch {
      // out of range: try again
    }
  }
}

function run(label: string, algo: KeyAlgo, v: SignatureVerifier, set: Sample[], expect: boolean): void {
  const f = v[algo].bind(v);
  f(set[0]!.pub, set[0]!.msg, set[0]!.sig); // warm up (noble builds its precomputed tables)
  const t0 = process.hrtime.bigint();
  for (const s of set) {
    if (f(s.pub, s.msg, s.sig) !== expect) throw new Error(`${label}: wrong answer`);
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${label.padEnd(58)} ${String(Math.round(set.length / secs)).padStart(8)} verifications/s`);
}

function timeHash(label: string, bytes: number, f: (d: Uint8Array) => unknown): void {
  const data = new Uint8Array(randomBytes(bytes));
  const iters = Math.max(2_000, Math.floor(50_000_000 / (bytes + 64)));
  for (let i = 0; i < 1000; i++) f(data);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < iters; i++) f(data);
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`${label.padEnd(58)} ${String(Math.round(iters / secs)).padStart(8)} hashes/s`);
}

function corrupt(set: Sample[]): Sample[] {
  return set.map((s) => {
    const msg = s.msg.slice();
    msg[0]! ^= 1;
    return { ...s, msg };
  });
}

function main(): void {
  console.log(`node ${process.version}, OpenSSL ${process.versions.openssl}; N = ${N}, sign bytes ${SIGN_BYTES_LEN} B\n`);
  for (const algo of ['secp256k1', 'ed25519'] as const) {
    const distinct = samples(algo, N, N);
    const repeated = samples(algo, N, 100);
    const cached = createOpenSslVerifier(); // 4096 keys
    const uncached = createOpenSslVerifier({ keyCacheSize: 1 });
    run(`${algo} openssl, ${N} distinct keys, cache 4096 (default)`, algo, cached, distinct, true);
    cached.clearCache();
    run(`${algo} openssl, ${N} distinct keys, no cache`, algo, uncached, distinct, true);
    cached.clearCache();
    run(`${algo} openssl, 100 keys x ${N / 100} signatures, cache 4096`, algo, cached, repeated, true);
    run(`${algo} openssl, 100 keys x ${N / 100} signatures, no cache`, algo, uncached, repeated, true);
    if (algo === 'secp256k1') run(`${algo} libsecp256k1-wasm (default), ${N} distinct keys`, algo, createWasmVerifier(), distinct, true);
    run(`${algo} noble, ${N} distinct keys`, algo, nobleVerifier, distinct, true);
    run(`${algo} noble, 100 keys x ${N / 100} signatures`, algo, nobleVerifier, repeated, true);
    run(`${algo} openssl, invalid signatures (100 keys)`, algo, cached, corrupt(repeated).slice(0, N / 5), false);
    run(`${algo} noble, invalid signatures (100 keys)`, algo, nobleVerifier, corrupt(repeated).slice(0, N / 5), false);
    console.log('');
  }
  for (const size of [32, 64, 256, 4096]) {
    timeHash(`sha256 ${size} B: crypto.hash (default)`, size, (d) => nodeHash('sha256', d, 'buffer'));
    timeHash(`sha256 ${size} B: createHash().update().digest()`, size, (d) => createHash('sha256').update(d).digest());
    timeHash(`sha256 ${size} B: @noble/hashes`, size, (d) => nobleSha256(d));
  }
}

main();
