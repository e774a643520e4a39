/**
 * The interface between the ABCI socket server and the chain: one method per ABCI 2.0 request
 * that carries application logic, as in CometBFT v0.38's Go `abcitypes.Application`.
 * Echo and Flush are answered by the server itself and never reach the application.
 */
import {
  Request,
  RequestApplySnapshotChunk,
  RequestCheckTx,
  RequestCommit,
  RequestExtendVote,
  RequestFinalizeBlock,
  RequestInfo,
  RequestInitChain,
  RequestListSnapshots,
  RequestLoadSnapshotChunk,
  RequestOfferSnapshot,
  RequestPrepareProposal,
  RequestProcessProposal,
  RequestQuery,
  RequestVerifyVoteExtension,
  ResponseApplySnapshotChunk,
  ResponseCheckTx,
  ResponseCommit,
  ResponseExtendVote,
  ResponseFinalizeBlock,
  ResponseInfo,
  ResponseInitChain,
  ResponseListSnapshots,
  ResponseLoadSnapshotChunk,
  ResponseOfferSnapshot,
  ResponsePrepareProposal,
  ResponseProcessProposal,
  ResponseQuery,
  ResponseVerifyVoteExtension,
  ResponseProcessProposal_ProposalStatus as ProposalStatus,
  ResponseVerifyVoteExtension_VerifyStatus as VerifyStatus,
  ExecTxResult,
} from 'cosmjs-types/tendermint/abci/types';

/** A result the server accepts from the application: the value or a promise of it. */
export type MaybePromise<T> = T | Promise<T>;

/**
 * Every method is optional; a missing one behaves as Go's `abcitypes.BaseApplication` (see
 * `BASE_APPLICATION`). Methods may be sync or async. The server never calls the application
 * concurrently on one connection (the next request waits for the previous result), but the
 * four CometBFT connections are served independently, so e.g. `query` may run while an async
 * `finalizeBlock` is pending: the application owns the consistency of state it shares
 * between connections.
 *
 * Return complete cosmjs-types messages, e.g. `ResponseCheckTx.fromPartial({ code: 0 })`.
 * What a thrown error (or rejected promise) does depends on the method; see README.md.
 */
export interface Application {
  // Info/Query connection
  info?(req: RequestInfo): MaybePromise<ResponseInfo>;
  query?(req: RequestQuery): MaybePromise<ResponseQuery>;

  // Mempool connection
  checkTx?(req: RequestCheckTx): MaybePromise<ResponseCheckTx>;

  // Consensus connection
  initChain?(req: RequestInitChain): MaybePromise<ResponseInitChain>;
  prepareProposal?(req: RequestPrepareProposal): MaybePromise<ResponsePrepareProposal>;
  processProposal?(req: RequestProcessProposal): MaybePromise<ResponseProcessProposal>;
  finalizeBlock?(req: RequestFinalizeBlock): MaybePromise<ResponseFinalizeBlock>;
  extendVote?(req: RequestExtendVote): MaybePromise<ResponseExtendVote>;
  verifyVoteExtension?(req: RequestVerifyVoteExtension): MaybePromise<ResponseVerifyVoteExtension>;
  commit?(req: RequestCommit): MaybePromise<ResponseCommit>;

  // State-sync (snapshot) connection
  listSnapshots?(req: RequestListSnapshots): MaybePromise<ResponseListSnapshots>;
  offerSnapshot?(req: RequestOfferSnapshot): MaybePromise<ResponseOfferSnapshot>;
  loadSnapshotChunk?(req: RequestLoadSnapshotChunk): MaybePromise<ResponseLoadSnapshotChunk>;
  applySnapshotChunk?(req: RequestApplySnapshotChunk): MaybePromise<ResponseApplySnapshotChunk>;
}

/** The name of a request type: the field of `Request` that is set ('checkTx', 'flush', ...). */
export type RequestType = keyof Request;

/** The request types the application handles (all but the server's own Echo and Flush). */
export type AppRequestType = keyof Application & RequestType;

/** `Application` with every method present. */
export type CompleteApplication = Required<Application>;

/**
 * The defaults, identical to Go's `abcitypes.BaseApplication` in CometBFT v0.38: empty
 * responses, CheckTx/Query code 0, ProcessProposal and VerifyVoteExtension ACCEPT,
 * PrepareProposal keeps the txs that fit in `maxTxBytes`, FinalizeBlock answers code 0 for
 * every tx. Snapshots: none offered, none accepted (OfferSnapshot answers UNKNOWN = abort).
 */
export const BASE_APPLICATION: CompleteApplication = {
  info: () => ResponseInfo.fromPartial({}),
  query: () => ResponseQuery.fromPartial({ code: 0 }),
  checkTx: () => ResponseCheckTx.fromPartial({ code: 0 }),
  initChain: () => ResponseInitChain.fromPartial({}),
  prepareProposal: (req) => ResponsePrepareProposal.fromPartial({ txs: txsWithin(req.txs, req.maxTxBytes) }),
  processProposal: () => ResponseProcessProposal.fromPartial({ status: ProposalStatus.ACCEPT }),
  finalizeBlock: (req) =>
    ResponseFinalizeBlock.fromPartial({ txResults: req.txs.map(() => ExecTxResult.fromPartial({ code: 0 })) }),
  extendVote: () => ResponseExtendVote.fromPartial({}),
  verifyVoteExtension: () => ResponseVerifyVoteExtension.fromPartial({ status: VerifyStatus.ACCEPT }),
  commit: () => ResponseCommit.fromPartial({}),
  listSnapshots: () => ResponseListSnapshots.fromPartial({}),
  offerSnapshot: () => ResponseOfferSnapshot.fromPartial({}),
  loadSnapshotChunk: () => ResponseLoadSnapshotChunk.fromPartial({}),
  applySnapshotChunk: () => ResponseApplySnapshotChunk.fromPartial({}),
};

/** The leading txs whose total size fits in `maxTxBytes` (BaseApplication.PrepareProposal). */
function txsWithin(txs: Uint8Array[], maxTxBytes: bigint): Uint8Array[] {
  const kept: Uint8Array[] = [];
  let total = 0n;
  for (const tx of txs) {
    total += BigInt(tx.length);
    if (total > maxTxBytes) break;
    kept.push(tx);
  }
  return kept;
}

/** The application's methods bound to it, with `BASE_APPLICATION` filling the gaps. */
export function completeApplication(app: Application): CompleteApplication {
  const out = { ...BASE_APPLICATION };
  for (const name of Object.keys(BASE_APPLICATION) as AppRequestType[]) {
    const method = app[name];
    if (typeof method === 'function') (out as Record<string, unknown>)[name] = method.bind(app);
  }
  return out;
}
