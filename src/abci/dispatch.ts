/**
 * From a decoded Request to the Application call, and what to answer when that call fails.
 * No I/O here: the connection decides when to call and where the answer goes.
 */
import {
  Request,
  Response,
  ResponseApplySnapshotChunk,
  ResponseApplySnapshotChunk_Result as ApplyChunkResult,
  ResponseCheckTx,
  ResponseExtendVote,
  ResponseListSnapshots,
  ResponseLoadSnapshotChunk,
  ResponseOfferSnapshot,
  ResponseOfferSnapshot_Result as OfferSnapshotResult,
  ResponsePrepareProposal,
  ResponseProcessProposal,
  ResponseProcessProposal_ProposalStatus as ProposalStatus,
  ResponseQuery,
  ResponseVerifyVoteExtension,
  ResponseVerifyVoteExtension_VerifyStatus as VerifyStatus,
} from 'cosmjs-types/tendermint/abci/types';
import { toAbciError } from '../types/errors';
import { AppRequestType, CompleteApplication, MaybePromise, RequestType } from './application';

/** The oneof fields of Request, in field-number order (proto/tendermint/abci/types.proto). */
export const REQUEST_TYPES: readonly RequestType[] = [
  'echo',
  'flush',
  'info',
  'initChain',
  'query',
  'checkTx',
  'commit',
  'listSnapshots',
  'offerSnapshot',
  'loadSnapshotChunk',
  'applySnapshotChunk',
  'prepareProposal',
  'processProposal',
  'extendVote',
  'verifyVoteExtension',
  'finalizeBlock',
];

/**
 * The one request type set in `req`, or undefined when none or several are (a proto3 oneof
 * holds one value; CometBFT never sends several, so we refuse to guess which one was meant).
 */
export function requestTypeOf(req: Request): RequestType | undefined {
  let found: RequestType | undefined;
  for (const type of REQUEST_TYPES) {
    if (req[type] === undefined) continue;
    if (found !== undefined) return undefined;
    found = type;
  }
  return found;
}

/** The response message that answers a request of type K. */
export type ResponseOf<K extends AppRequestType> = NonNullable<Response[K]>;

/** Calls the application method for `type` with the request's payload. May throw. */
export function callApplication<K extends AppRequestType>(
  app: CompleteApplication,
  type: K,
  req: Request,
): MaybePromise<ResponseOf<K>> {
  const method = app[type] as (payload: NonNullable<Request[K]>) => MaybePromise<ResponseOf<K>>;
  return method(req[type] as NonNullable<Request[K]>);
}

/** Wraps a typed response in the Response oneof. */
export function wrapResponse<K extends AppRequestType>(type: K, res: ResponseOf<K>): Response {
  return { [type]: res } as Response;
}

/**
 * Request types where an application error must stop the node: answering InitChain,
 * FinalizeBlock or Commit with anything but the application's real result would let
 * CometBFT record state the application does not have, and no answer to Info is safe (a
 * made-up height during the handshake makes CometBFT replay the wrong blocks).
 */
export const FATAL_ON_ERROR: ReadonlySet<AppRequestType> = new Set<AppRequestType>([
  'info',
  'initChain',
  'finalizeBlock',
  'commit',
]);

type Recovery = { [K in AppRequestType]?: (err: unknown) => ResponseOf<K> };

/**
 * The answer to send when the application throws during a non-fatal request. Each is the
 * conservative choice: it cannot make the node accept anything it has not validated.
 */
const RECOVERY: Recovery = {
  // Client-facing: the error as the SDK shows it (CodedError keeps its code; else undefined/1).
  checkTx: (err) => ResponseCheckTx.fromPartial(toAbciError(err)),
  query: (err) => ResponseQuery.fromPartial(toAbciError(err)),
  // Propose an empty block rather than txs the application could not vet.
  prepareProposal: () => ResponsePrepareProposal.fromPartial({ txs: [] }),
  // Reject what could not be validated: costs liveness at worst, never safety.
  processProposal: () => ResponseProcessProposal.fromPartial({ status: ProposalStatus.REJECT }),
  verifyVoteExtension: () => ResponseVerifyVoteExtension.fromPartial({ status: VerifyStatus.REJECT }),
  extendVote: () => ResponseExtendVote.fromPartial({}),
  // State sync: offer nothing, serve nothing, and stop a restore the application cannot follow.
  listSnapshots: () => ResponseListSnapshots.fromPartial({}),
  loadSnapshotChunk: () => ResponseLoadSnapshotChunk.fromPartial({}),
  offerSnapshot: () => ResponseOfferSnapshot.fromPartial({ result: OfferSnapshotResult.REJECT }),
  applySnapshotChunk: () => ResponseApplySnapshotChunk.fromPartial({ result: ApplyChunkResult.ABORT }),
};

/** The Response answering a failed non-fatal request; undefined when the failure is fatal. */
export function recoveryResponse(type: AppRequestType, err: unknown): Response | undefined {
  const recover = RECOVERY[type] as ((err: unknown) => ResponseOf<typeof type>) | undefined;
  return recover === undefined || FATAL_ON_ERROR.has(type) ? undefined : wrapResponse(type, recover(err));
}
