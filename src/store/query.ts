/**
 * ABCI Query over the stores: `/store/<name>/key` (one value, with ICS-23 proof ops when asked)
 * and `/store/<name>/subspace` (every pair under a prefix, as cosmos.store.internal.kv.v1beta1
 * Pairs — the same wire format as the SDK's kv.Pairs). Mirrors Cosmos SDK v0.50 baseapp
 * handleQueryStore + rootmulti Query + iavl Store.Query:
 *
 * - height 0 means the latest committed version; the response carries the height used;
 * - a proof is refused at height <= 1 (sdk/18), as baseapp does;
 * - empty data is store/3 "query cannot be zero length"; an unknown store or sub-path is store/4;
 * - a future, pruned or not-yet-committed height is sdk/26; a negative height sdk/18.
 *
 * Never throws: every failure is a coded response.
 */
import { Pairs } from 'cosmjs-types/cosmos/store/internal/kv/v1beta1/kv';
import type { ProofOps } from 'cosmjs-types/tendermint/crypto/proof';
import { sdk, toAbciError } from '../types/errors';
import { storeErrors } from './errors';
import type { CommitMultiStore } from './types';

export interface StoreQueryResponse {
  code: number;
  codespace: string;
  log: string;
  key: Uint8Array;
  value: Uint8Array;
  proofOps: ProofOps | undefined;
  height: bigint;
}

const EMPTY = new Uint8Array(0);

/** Handles a query whose path starts with /store/. */
export function queryStore(
  ms: CommitMultiStore,
  path: string,
  data: Uint8Array,
  height: bigint | number,
  prove: boolean,
): StoreQueryResponse {
  const h = BigInt(height);
  try {
    const m = /^\/store\/([^/]*)(\/.*)?$/.exec(path);
    if (!m) throw sdk.UnknownRequest(`unknown query path: ${path}`);
    const [, name, subpath = ''] = m;
    if (name === '' || !ms.storeNames.includes(name)) throw storeErrors.UnknownRequest(`no such store: ${name}`);
    if (subpath !== '/key' && subpath !== '/subspace') throw storeErrors.UnknownRequest(`unexpected query path: ${subpath}`);
    if (h < 0n) throw sdk.InvalidRequest('cannot query with height < 0; please provide a valid height');
    const latest = ms.lastCommitId().version;
    if (latest === 0) throw sdk.InvalidHeight('no block committed yet; please wait for the first block');
    if (h > BigInt(latest)) throw sdk.InvalidHeight(`cannot query with height ${h} in the future; latest is ${latest}`);
    const version = h === 0n ? latest : Number(h);
    if (prove && version <= 1) {
      throw sdk.InvalidRequest('cannot query with proof when height <= 1; please provide a valid height');
    }
    if (data.length === 0) throw storeErrors.TxDecode('query cannot be zero length');

    if (subpath === '/key') {
      const res = ms.getProven(name, data, version, prove);
      return ok(data, res.value ?? EMPTY, prove ? res.proofOps : undefined, version);
    }
    const pairs = [];
    for (const [key, value] of ms.at(name, version).iterator(data, prefixEnd(data))) pairs.push({ key, value });
    return ok(data, Pairs.encode(Pairs.fromPartial({ pairs })).finish(), undefined, version);
  } catch (err) {
    const { codespace, code, log } = toAbciError(err);
    return { code, codespace, log, key: EMPTY, value: EMPTY, proofOps: undefined, height: h };
  }
}

function ok(key: Uint8Array, value: Uint8Array, proofOps: ProofOps | undefined, version: number): StoreQueryResponse {
  return { code: 0, codespace: '', log: '', key, value, proofOps, height: BigInt(version) };
}

/** The first key after every key with this prefix; undefined when there is none (all 0xff). */
export function prefixEnd(prefix: Uint8Array): Uint8Array | undefined {
  const end = Uint8Array.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] < 0xff) {
      end[i]++;
      return end.subarray(0, i + 1);
    }
  }
  return undefined;
}
