/**
 * x/gov state in the `gov` store: the Cosmos SDK v0.50 collections and prefixes
 * (x/gov/types/keys.go, keeper.go) for proposals, queues, deposits, votes, params and the
 * constitution, then HyperMesh's additions from 0x90 (vote delegations, grants, audit trail).
 */
import { Deposit, Params, Proposal, Vote } from 'cosmjs-types/cosmos/gov/v1/gov';
import { AuditRecord, Grant, VoteDelegation } from '../../src/gen/hypermesh/gov/v1/gov';
import { concatBytes } from '../../src/store/bytes';
import { keys, Schema, values, type KeyCodec } from '../../src/store/collections';
import { timeKey } from './time';

export const ModuleName = 'gov';
export const StoreKey = 'gov';
/** The app module of the hypermesh.gov.v1 additions (its genesis section, msgs and queries). */
export const HyperModuleName = 'hypermesh_gov';

/** Address bytes with a one-byte length in front, terminal or not (sdk.LengthPrefixedAddressKey). */
export const lpBytes: KeyCodec<Uint8Array> = {
  encode: (k) => {
    if (k.length > 255) throw new Error('address longer than 255 bytes');
    return concatBytes(Uint8Array.of(k.length), k);
  },
  encodeNonTerminal: (k) => lpBytes.encode(k),
  decode: (b) => {
    const n = b[0];
    if (n === undefined || b.length < 1 + n) throw new Error('truncated length-prefixed key');
    return [b.subarray(1, 1 + n), 1 + n];
  },
};

export function govState() {
  const s = new Schema(StoreKey);
  return {
    proposals: s.map(0x00, 'proposals', keys.uint64, values.proto(Proposal)),
    /** (voting end time, id) → id: proposals in their voting period */
    activeQueue: s.map(0x01, 'active_proposals_queue', keys.pair(timeKey, keys.uint64), values.uint64),
    /** (deposit end time, id) → id: proposals in their deposit period */
    inactiveQueue: s.map(0x02, 'inactive_proposals_queue', keys.pair(timeKey, keys.uint64), values.uint64),
    /** the next proposal id */
    proposalId: s.sequence(0x03, 'proposal_id'),
    /** id → 0x01 while the proposal is in its voting period */
    votingPeriodProposals: s.map(0x04, 'voting_period_proposals', keys.uint64, values.bytes),
    /** (proposal id, depositor) → Deposit */
    deposits: s.map(0x10, 'deposits', keys.pair(keys.uint64, lpBytes), values.proto(Deposit)),
    /** (proposal id, voter) → Vote; removed when the proposal is tallied */
    votes: s.map(0x20, 'votes', keys.pair(keys.uint64, lpBytes), values.proto(Vote)),
    params: s.item(0x30, 'params', values.proto(Params)),
    constitution: s.item(0x31, 'constitution', values.string),

    // --- HyperMesh (hypermesh.gov.v1) ---
    /** delegator → VoteDelegation */
    voteDelegations: s.map(0x90, 'vote_delegations', lpBytes, values.proto(VoteDelegation)),
    /** (delegate, delegator) → nothing: who delegated to a delegate */
    voteDelegators: s.map(0x91, 'vote_delegators', keys.pair(lpBytes, lpBytes), values.none),
    /** id → Grant, of every status */
    grants: s.map(0x92, 'grants', keys.uint64, values.proto(Grant)),
    /** id → nothing: the grants EndBlock pays */
    activeGrants: s.map(0x93, 'active_grants', keys.uint64, values.none),
    /** the next grant id */
    grantId: s.sequence(0x94, 'grant_id'),
    /** id → AuditRecord */
    audit: s.map(0x95, 'audit_records', keys.uint64, values.proto(AuditRecord)),
    /** (height, id) → nothing */
    auditByHeight: s.map(0x96, 'audit_by_height', keys.pair(keys.uint64, keys.uint64), values.none),
    /** (module, height, id) → nothing */
    auditByModule: s.map(0x97, 'audit_by_module', keys.triple(keys.string, keys.uint64, keys.uint64), values.none),
    /** the next audit record id */
    auditId: s.sequence(0x98, 'audit_id'),
  };
}
export type GovState = ReturnType<typeof govState>;
