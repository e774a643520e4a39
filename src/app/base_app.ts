/**
 * BaseApp: the ABCI application. It owns the pipeline (InitChain, CheckTx, PrepareProposal,
 * ProcessProposal, FinalizeBlock, Commit, Query) and knows modules only through AppModule.
 *
 * State: FinalizeBlock runs in a branch over the working trees and flushes it at its end to
 * compute the app hash; Commit persists it. CheckTx runs in a branch over the last committed
 * version, reset at every Commit (CometBFT then rechecks its mempool). Queries read committed
 * versions only, so they may run between the slices of a FinalizeBlock (finalizeBlockSliced).
 */
import { SimulateRequest, SimulateResponse } from 'cosmjs-types/cosmos/tx/v1beta1/service';
import {
  ExecTxResult,
  ResponseCheckTx,
  ResponseCommit,
  ResponseFinalizeBlock,
  ResponseInfo,
  ResponseInitChain,
  ResponsePrepareProposal,
  ResponseProcessProposal,
  ResponseProcessProposal_ProposalStatus as ProposalStatus,
  ResponseQuery,
  CheckTxType,
  type RequestCheckTx,
  type RequestFinalizeBlock,
  type RequestInfo,
  type RequestInitChain,
  type RequestPrepareProposal,
  type RequestProcessProposal,
  type RequestQuery,
  type ValidatorUpdate,
  type Event,
} from 'cosmjs-types/tendermint/abci/types';
import type { ConsensusParams } from 'cosmjs-types/tendermint/types/params';
import type { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';
import type { Application } from '../abci/application';
import type { Logger } from '../abci/logger';
import type { TxLimits } from '../codec/tx_decoder';
import { DEFAULT_TX_LIMITS } from '../codec/tx_decoder';
import type { TypeRegistry } from '../codec/type_registry';
import { MultiBranch } from '../store/multi_branch';
import { queryStore } from '../store/query';
import type { CommitMultiStore } from '../store/types';
import { Context, type BlockInfo } from '../types/context';
import { CodedError, sdk, toAbciError } from '../types/errors';
import { EventManager, withAttribute } from '../types/events';
import type { AnteDeps } from './ante/ante_handler';
import { consensusState } from './consensus_state';
import { DecodeCache } from './decode_cache';
import { SignaturePrefetch } from './ante/signature_prefetch';
import type { VerifyPool } from '../crypto/verify_pool';
import type { AppModule, ModuleGenesis } from './module';
import { MsgRouter } from './msg_router';
import { QueryRouter } from './query_router';
import { runTx, type TxResult } from './run_tx';

/** Converts a module's genesis JSON to its GenesisState and back (the SDK's JSON). */
export interface GenesisCodec {
  decode<G>(genesis: ModuleGenesis<G>, json: unknown): G;
  encode<G>(genesis: ModuleGenesis<G>, value: G): unknown;
}

export interface BaseAppOptions {
  name: string;
  version: string;
  chainId: string;
  cms: CommitMultiStore;
  registry: TypeRegistry;
  /** In genesis order; BeginBlock and EndBlock run in the orders given (default: this order). */
  modules: readonly AppModule[];
  beginBlockOrder?: readonly string[];
  endBlockOrder?: readonly string[];
  ante: Omit<AnteDeps, 'router'>;
  genesisCodec: GenesisCodec;
  txLimits?: TxLimits;
  logger?: Logger;
  /** Worker threads that verify mempool txs' signatures ahead of CheckTx (see `lookahead`). */
  verifyPool?: VerifyPool;
}

const NS_PER_S = 1_000_000_000n;

function timeNs(t: Timestamp | undefined): bigint {
  return t ? t.seconds * NS_PER_S + BigInt(t.nanos) : 0n;
}

export class BaseApp implements Application {
  readonly msgRouter = new MsgRouter();
  readonly queryRouter = new QueryRouter();
  private readonly consensus = consensusState();
  private readonly decoder: DecodeCache;
  private readonly modules: readonly AppModule[];
  private readonly anteDeps: AnteDeps;
  private readonly prefetch: SignaturePrefetch | undefined;
  /** Settles when the FinalizeBlock in progress (finalizeBlockSliced) has returned. */
  private finalizing: Promise<void> | undefined;
  /** The block between its FinalizeBlock and the end of its Commit, and a promise of that end. */
  private inProgress: { height: number; committed: Promise<void>; resolve: () => void } | undefined;
  /** The block being finalized: from InitChain or FinalizeBlock until Commit. */
  private blockStores: MultiBranch | undefined;
  private checkStores: MultiBranch;
  private committedParams: ConsensusParams | null | undefined;
  private lastBlock: { height: number; timeNs: bigint };

  constructor(private readonly opts: BaseAppOptions) {
    this.modules = opts.modules;
    for (const m of opts.modules) {
      for (const r of m.msgs ?? []) this.msgRouter.add(m.name, r);
      for (const q of m.queries ?? []) this.queryRouter.add(q);
      m.registerTypes?.(opts.registry);
    }
    this.msgRouter.registerTypes(opts.registry);
    this.decoder = new DecodeCache(opts.registry, opts.txLimits ?? DEFAULT_TX_LIMITS);
    this.anteDeps = { ...opts.ante, router: this.msgRouter };
    this.prefetch = opts.verifyPool && new SignaturePrefetch(opts.verifyPool, this.anteDeps, this.msgRouter);
    const last = opts.cms.lastCommitId().version;
    this.checkStores = this.committedBranch(last);
    this.lastBlock = { height: last, timeNs: last > 0 ? (this.consensus.lastBlockTimeNs.get(this.readCtx(last)) ?? 0n) : 0n };
  }

  get chainId(): string {
    return this.opts.chainId;
  }

  get cms(): CommitMultiStore {
    return this.opts.cms;
  }

  // --- Info / InitChain ---------------------------------------------------------------

  info(_req: RequestInfo): ResponseInfo {
    const { version, hash } = this.opts.cms.lastCommitId();
    return ResponseInfo.fromPartial({
      data: this.opts.name,
      version: this.opts.version,
      appVersion: 1n,
      lastBlockHeight: BigInt(version),
      lastBlockAppHash: version > 0 ? hash : new Uint8Array(),
    });
  }

  initChain(req: RequestInitChain): ResponseInitChain {
    if (req.chainId !== this.opts.chainId) {
      throw new Error(`genesis chain id ${req.chainId} differs from the app's ${this.opts.chainId}`);
    }
    const initialHeight = Number(req.initialHeight > 0n ? req.initialHeight : 1n);
    if (initialHeight > 1) this.opts.cms.setInitialVersion(initialHeight);
    const appState = req.appStateBytes.length > 0 ? JSON.parse(new TextDecoder().decode(req.appStateBytes)) : {};
    if (typeof appState !== 'object' || appState === null || Array.isArray(appState)) {
      throw new Error('genesis app_state must be a JSON object');
    }
    const known = new Set(this.modules.filter((m) => m.genesis).map((m) => m.name));
    for (const key of Object.keys(appState)) {
      if (!known.has(key)) throw new Error(`genesis app_state has a section for unknown module ${JSON.stringify(key)}`);
    }

    this.blockStores = new MultiBranch(this.opts.cms.storeNames, (n) => this.opts.cms.working(n));
    const block: BlockInfo = { chainId: req.chainId, height: initialHeight, timeNs: timeNs(req.time), proposer: new Uint8Array() };
    const ctx = new Context(this.blockStores, block, 'genesis', undefined, new EventManager(), req.consensusParams);
    if (req.consensusParams) this.consensus.params.set(ctx, req.consensusParams);

    let validators: ValidatorUpdate[] = [];
    for (const m of this.modules) {
      if (!m.genesis) continue;
      const section = appState[m.name];
      const genesis = section === undefined ? m.genesis.default() : this.opts.genesisCodec.decode(m.genesis, section);
      m.genesis.validate?.(genesis);
      const updates = m.genesis.init(ctx, genesis);
      if (updates && updates.length > 0) validators = updates;
    }
    // SDK v0.50: InitChain does not commit; block initial_height starts from this state, and the
    // app hash CometBFT records for genesis is the one of the empty store.
    return ResponseInitChain.fromPartial({ validators, appHash: this.opts.cms.lastCommitId().hash });
  }

  /** The whole app state as genesis JSON (for `hypermesh export` and tests). */
  exportGenesis(height?: number): Record<string, unknown> {
    const version = height ?? this.opts.cms.lastCommitId().version;
    const ctx = this.readCtx(version);
    const out: Record<string, unknown> = {};
    for (const m of this.modules) {
      if (m.genesis) out[m.name] = this.opts.genesisCodec.encode(m.genesis, m.genesis.export(ctx));
    }
    return out;
  }

  // --- Mempool ------------------------------------------------------------------------

  /**
   * The mempool connection's look-ahead at queued CheckTx requests: their signatures start
   * verifying on worker threads while earlier txs are checked here.
   */
  lookahead(txs: Uint8Array[]): void {
    if (!this.prefetch) return;
    const ctx = new Context(this.checkStores, this.checkBlock(), 'check');
    for (const raw of txs) {
      const tx = this.decoder.decode(raw);
      if (!(tx instanceof Error)) this.prefetch.start(ctx, tx);
    }
  }

  checkTx(req: RequestCheckTx): ResponseCheckTx | Promise<ResponseCheckTx> {
    // a sliced FinalizeBlock is running: check after it, as if it had run in one piece
    if (this.finalizing) return this.finalizing.then(() => this.checkTx(req));
    const tx = this.decoder.decode(req.tx);
    const pending = tx instanceof Error ? undefined : this.prefetch?.take(tx);
    if (pending) return pending.then(() => this.runCheckTx(req, tx));
    return this.runCheckTx(req, tx);
  }

  private runCheckTx(req: RequestCheckTx, tx: ReturnType<DecodeCache['decode']>): ResponseCheckTx {
    const mode = req.type === CheckTxType.RECHECK ? 'recheck' : 'check';
    const ctx = new Context(this.checkStores, this.checkBlock(), mode, undefined, undefined, this.consensusParams());
    const r = runTx({ router: this.msgRouter, ante: this.anteDeps }, ctx, tx);
    return ResponseCheckTx.fromPartial({
      code: r.code,
      codespace: r.codespace,
      log: r.log,
      gasWanted: r.gasWanted,
      gasUsed: r.gasUsed,
      // no data: CometBFT serves it as hex where cosmjs expects base64 (the SDK returns none either)
    });
  }

  // --- Consensus ----------------------------------------------------------------------

  /** Keeps the leading txs that fit the block's byte and gas limits. */
  prepareProposal(req: RequestPrepareProposal): ResponsePrepareProposal {
    const maxGas = this.consensusParams()?.block?.maxGas ?? -1n;
    const txs: Uint8Array[] = [];
    let bytes = 0n;
    let gas = 0n;
    for (const raw of req.txs) {
      const tx = this.decoder.decode(raw);
      if (tx instanceof Error) continue; // would only fail in the block
      const g = tx.authInfo.fee?.gasLimit ?? 0n;
      if (bytes + BigInt(raw.length) > req.maxTxBytes) break;
      if (maxGas > 0n && gas + g > maxGas) break;
      bytes += BigInt(raw.length);
      gas += g;
      txs.push(raw);
    }
    return ResponsePrepareProposal.fromPartial({ txs });
  }

  /** Rejects a proposal whose txs ask for more gas than a block allows. */
  processProposal(req: RequestProcessProposal): ResponseProcessProposal {
    const maxGas = this.consensusParams()?.block?.maxGas ?? -1n;
    if (maxGas > 0n) {
      let gas = 0n;
      for (const raw of req.txs) {
        const tx = this.decoder.decode(raw);
        if (!(tx instanceof Error)) gas += tx.authInfo.fee?.gasLimit ?? 0n;
      }
      if (gas > maxGas) return ResponseProcessProposal.fromPartial({ status: ProposalStatus.REJECT });
    }
    return ResponseProcessProposal.fromPartial({ status: ProposalStatus.ACCEPT });
  }

  finalizeBlock(req: RequestFinalizeBlock): ResponseFinalizeBlock {
    const steps = this.finalizeSteps(req);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  }

  /**
   * FinalizeBlock for the ABCI server: the same steps, but it hands the event loop back every
   * `sliceMs` between txs, so queries (ABCI, gRPC, REST) of committed state are answered while a
   * large block runs instead of waiting behind it. The block's state is a private branch until its
   * last step, and CheckTx waits for the block (see checkTx), so nothing that runs in the gaps can
   * see or change it: the result is the one the synchronous finalizeBlock gives.
   */
  async finalizeBlockSliced(req: RequestFinalizeBlock, sliceMs: number): Promise<ResponseFinalizeBlock> {
    const steps = this.finalizeSteps(req);
    let done!: () => void;
    this.finalizing = new Promise<void>((res) => (done = res));
    try {
      let sliceStart = performance.now();
      for (;;) {
        const r = steps.next();
        if (r.done) return r.value;
        if (performance.now() - sliceStart >= sliceMs) {
          await new Promise<void>((res) => setImmediate(res));
          sliceStart = performance.now();
        }
      }
    } finally {
      this.finalizing = undefined;
      done();
    }
  }

  /** The steps of FinalizeBlock; yields between txs, where it may be paused. */
  private *finalizeSteps(req: RequestFinalizeBlock): Generator<void, ResponseFinalizeBlock> {
    const cms = this.opts.cms;
    const height = Number(req.height);
    let resolve!: () => void;
    const committed = new Promise<void>((res) => (resolve = res));
    this.inProgress = { height, committed, resolve };
    this.blockStores ??= new MultiBranch(cms.storeNames, (n) => cms.working(n));
    // the header's app hash is the last committed one (the genesis hash before the first commit)
    const block: BlockInfo = { chainId: this.opts.chainId, height, timeNs: timeNs(req.time), proposer: req.proposerAddress, appHash: cms.lastCommitId().hash, nextValidatorsHash: req.nextValidatorsHash };
    const params = this.consensusParams(this.blockStores);
    const blockCtx = (mode: 'begin_block' | 'deliver' | 'end_block', events = new EventManager()) =>
      new Context(this.blockStores!, block, mode, undefined, events, params);

    const events: Event[] = [];
    const begin = blockCtx('begin_block');
    this.consensus.lastBlockTimeNs.set(begin, block.timeNs);
    for (const m of this.ordered(this.opts.beginBlockOrder)) {
      m.beginBlock?.(begin, { decidedLastCommit: req.decidedLastCommit, misbehavior: req.misbehavior });
    }
    events.push(...withAttribute(begin.events.events, 'mode', 'BeginBlock'));

    const txResults: ExecTxResult[] = [];
    const blockGasLimit = params?.block?.maxGas ?? -1n;
    let blockGas = 0n;
    for (const raw of req.txs) {
      const decoded = this.decoder.decode(raw);
      let r: TxResult;
      if (blockGasLimit > 0n && blockGas >= blockGasLimit) {
        r = { ...toAbciError(sdk.OutOfGas('no block gas left to run tx')), gasWanted: 0n, gasUsed: 0n, events: [], data: new Uint8Array() };
      } else {
        r = runTx({ router: this.msgRouter, ante: this.anteDeps }, blockCtx('deliver'), decoded);
      }
      blockGas += r.gasUsed;
      txResults.push(ExecTxResult.fromPartial(r));
      yield;
    }

    const end = blockCtx('end_block');
    let validatorUpdates: ValidatorUpdate[] = [];
    for (const m of this.ordered(this.opts.endBlockOrder)) {
      const updates = m.endBlock?.(end);
      if (updates && updates.length > 0) validatorUpdates = updates;
    }
    events.push(...withAttribute(end.events.events, 'mode', 'EndBlock'));

    // flush and hash store by store, pausing in between: the tail of a large block is tens of ms
    yield;
    yield* this.blockStores.writeStoreByStore();
    for (const name of cms.storeNames) {
      cms.workingStoreHash(name);
      yield;
    }
    this.lastBlock = { height, timeNs: block.timeNs };
    return ResponseFinalizeBlock.fromPartial({ events, txResults, validatorUpdates, appHash: cms.workingHash() });
  }

  async commit(): Promise<ResponseCommit> {
    const { version } = await this.opts.cms.commit();
    this.blockStores = undefined;
    this.checkStores = this.committedBranch(version);
    this.committedParams = undefined;
    this.inProgress?.resolve();
    this.inProgress = undefined;
    return ResponseCommit.fromPartial({ retainHeight: 0n });
  }

  // --- Queries ------------------------------------------------------------------------

  /**
   * A promise of the commit of block `height` when that block is being finalized or committed
   * now, else undefined. CometBFT reports a height as soon as it has stored the block, before
   * the app has run it; a query for that height waits for it rather than fail as "in the future".
   */
  whenCommitted(height: bigint): Promise<void> | undefined {
    return this.inProgress && BigInt(this.inProgress.height) === height ? this.inProgress.committed : undefined;
  }

  query(req: RequestQuery): ResponseQuery {
    const path = req.path;
    if (path.startsWith('/store/')) {
      return ResponseQuery.fromPartial(queryStore(this.opts.cms, path, req.data, req.height, req.prove));
    }
    if (path.startsWith('/p2p/filter/')) return ResponseQuery.fromPartial({ code: 0 });
    if (path === '/app/version') {
      return ResponseQuery.fromPartial({ value: new TextEncoder().encode(this.opts.version), height: BigInt(this.opts.cms.lastCommitId().version) });
    }
    try {
      const version = this.queryVersion(req.height);
      if (path === '/cosmos.tx.v1beta1.Service/Simulate' || path === '/app/simulate') {
        return ResponseQuery.fromPartial({ value: this.simulate(req.data), height: BigInt(version) });
      }
      if (!this.queryRouter.has(path)) throw sdk.UnknownRequest(`unknown query path ${path}`);
      const value = this.queryRouter.handleBytes(this.readCtx(version), path, req.data);
      return ResponseQuery.fromPartial({ value, height: BigInt(version) });
    } catch (err) {
      const { code, codespace, log } = toAbciError(err);
      return ResponseQuery.fromPartial({ code, codespace, log, height: req.height });
    }
  }

  /** A Context reading committed `version` (queries, export). Writes go to a throwaway branch. */
  readCtx(version: number): Context {
    const block: BlockInfo = { chainId: this.opts.chainId, height: version, timeNs: this.lastBlock?.timeNs ?? 0n, proposer: new Uint8Array() };
    return new Context(this.committedBranch(version), block, 'query', undefined, undefined, undefined);
  }

  /** Runs a tx without signatures on a branch of the check state; returns SimulateResponse bytes. */
  simulate(data: Uint8Array): Uint8Array {
    let req: SimulateRequest;
    try {
      req = SimulateRequest.decode(data);
    } catch (e) {
      throw sdk.InvalidRequest(`cannot decode SimulateRequest: ${(e as Error).message}`);
    }
    if (req.txBytes.length === 0) throw sdk.InvalidRequest('empty txBytes is not allowed');
    const ctx = new Context(this.checkStores.branch(), this.checkBlock(), 'simulate', undefined, undefined, this.consensusParams());
    const r = runTx({ router: this.msgRouter, ante: this.anteDeps }, ctx, this.decoder.decode(req.txBytes));
    if (r.code !== 0) throw new CodedError(r.codespace, r.code, r.log);
    return SimulateResponse.encode(
      SimulateResponse.fromPartial({
        gasInfo: { gasWanted: r.gasWanted, gasUsed: r.gasUsed },
        result: { data: new Uint8Array(), log: '', events: r.events, msgResponses: [] },
      }),
    ).finish();
  }

  // --- helpers ------------------------------------------------------------------------

  private queryVersion(height: bigint): number {
    const latest = this.opts.cms.lastCommitId().version;
    if (height < 0n) throw sdk.InvalidRequest('cannot query with height < 0; please provide a valid height');
    if (latest === 0) throw sdk.InvalidHeight('no block committed yet; please wait for the first block');
    if (height > BigInt(latest)) throw sdk.InvalidHeight(`cannot query with height ${height} in the future; latest is ${latest}`);
    return height === 0n ? latest : Number(height);
  }

  private committedBranch(version: number): MultiBranch {
    const cms = this.opts.cms;
    return new MultiBranch(cms.storeNames, (n) => (version > 0 ? cms.at(n, version) : emptyReader));
  }

  private checkBlock(): BlockInfo {
    return { chainId: this.opts.chainId, height: this.lastBlock.height, timeNs: this.lastBlock.timeNs, proposer: new Uint8Array() };
  }

  /** Consensus params of the last committed state (cached until the next commit), or of `stores`. */
  private consensusParams(stores?: MultiBranch): ConsensusParams | undefined {
    if (!stores && this.committedParams !== undefined) return this.committedParams ?? undefined;
    const params = this.consensus.params.get(new Context(stores ?? this.checkStores, this.checkBlock(), 'query'));
    if (!stores) this.committedParams = params ?? null;
    return params;
  }

  private ordered(order: readonly string[] | undefined): readonly AppModule[] {
    if (!order) return this.modules;
    return order.map((name) => {
      const m = this.modules.find((x) => x.name === name);
      if (!m) throw new Error(`block order names unknown module ${name}`);
      return m;
    });
  }
}

const emptyReader = {
  get: () => undefined,
  has: () => false,
  iterator: () => [][Symbol.iterator]() as IterableIterator<[Uint8Array, Uint8Array]>,
  reverseIterator: () => [][Symbol.iterator]() as IterableIterator<[Uint8Array, Uint8Array]>,
};
