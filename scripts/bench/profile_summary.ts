/**
 * Summarises a V8 .cpuprofile: self time per function and per category (what part of the app the
 * code belongs to), so the bench can say where the time goes.
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const CATEGORIES: [string, RegExp][] = [
  // tiny-secp256k1 (libsecp256k1 as WebAssembly) is the only wasm module the app loads
  ['signature checks', /src\/crypto\/verify|secp256k1|ed25519|noble\/curves|^wasm:\/\//],
  ['ABCI framing', /src\/abci\//],
  ['protobuf encode/decode', /tx_decoder|cosmjs-types|binary\.js|varint\.js/],
  ['state reads/writes (store)', /src\/store\/(?!iavl)|collections/],
  ['commit (IAVL tree, hashing, LevelDB)', /src\/store\/iavl|root_multistore|classic-level|abstract-level/],
  ['ante / pipeline', /src\/app\//],
  ['modules (x/)', /\/x\//],
  ['events, errors, coins', /src\/types\//],
  ['garbage collection', /^\(garbage collector\)$/],
  ['idle', /^\(idle\)$|^\(program\)$/],
];

function categoryOf(n: ProfileNode): string {
  const { functionName, url } = n.callFrame;
  for (const [name, re] of CATEGORIES) if (re.test(url) || re.test(functionName)) return name;
  if (url.startsWith('node:')) return 'node internals';
  return url ? 'other JS' : 'native/other';
}

export interface ProfileSummary {
  totalMs: number;
  busyMs: number;
  categories: { name: string; ms: number; shareOfBusy: number }[];
  topFunctions: { fn: string; where: string; ms: number; shareOfBusy: number }[];
}

export function summariseProfile(file: string, top = 25): ProfileSummary {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const selfMs = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) selfMs.set(p.samples[i], (selfMs.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  const cats = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, ms] of selfMs) {
    const n = byId.get(id)!;
    total += ms;
    const c = categoryOf(n);
    if (c === 'idle') idle += ms;
    cats.set(c, (cats.get(c) ?? 0) + ms);
    const key = `${n.callFrame.functionName || '(anonymous)'}\t${n.callFrame.url.replace(/^.*\/(src|x|node_modules)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + ms);
  }
  const busy = total - idle;
  return {
    totalMs: Math.round(total),
    busyMs: Math.round(busy),
    categories: [...cats]
      .filter(([name]) => name !== 'idle')
      .sort((a, b) => b[1] - a[1])
      .map(([name, ms]) => ({ name, ms: Math.round(ms), shareOfBusy: +(ms / busy).toFixed(3) })),
    topFunctions: [...fns]
      .sort((a, b) => b[1] - a[1])
      .filter(([k]) => !/^\((idle|program)\)/.test(k))
      .slice(0, top)
      .map(([k, ms]) => {
        const [fn, where] = k.split('\t');
        return { fn, where, ms: Math.round(ms), shareOfBusy: +(ms / busy).toFixed(3) };
      }),
  };
}
