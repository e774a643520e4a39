/**
 * ICS-24 host paths and identifiers, exactly as ibc-go's modules/core/24-host writes them: every
 * key of the `ibc` store is an ASCII path, so a counterparty proves
 * `clients/07-tendermint-0/clientState` under the MerklePrefix "ibc".
 */
import { hostErrors } from './errors';

const enc = new TextEncoder();

export interface Height {
  revisionNumber: bigint;
  revisionHeight: bigint;
}

export const heightString = (h: Height): string => `${h.revisionNumber}-${h.revisionHeight}`;

export const paths = {
  clientState: (clientId: string) => `clients/${clientId}/clientState`,
  consensusState: (clientId: string, h: Height) => `clients/${clientId}/consensusStates/${heightString(h)}`,
  /** Relative to the client store (`clients/{id}/`): 07-tendermint metadata. */
  processedTime: (h: Height) => `consensusStates/${heightString(h)}/processedTime`,
  processedHeight: (h: Height) => `consensusStates/${heightString(h)}/processedHeight`,
  clientConnections: (clientId: string) => `clients/${clientId}/connections`,
  connection: (connectionId: string) => `connections/${connectionId}`,
  channelEnd: (portId: string, channelId: string) => `channelEnds/ports/${portId}/channels/${channelId}`,
  nextSequenceSend: (portId: string, channelId: string) => `nextSequenceSend/ports/${portId}/channels/${channelId}`,
  nextSequenceRecv: (portId: string, channelId: string) => `nextSequenceRecv/ports/${portId}/channels/${channelId}`,
  nextSequenceAck: (portId: string, channelId: string) => `nextSequenceAck/ports/${portId}/channels/${channelId}`,
  packetCommitmentPrefix: (portId: string, channelId: string) => `commitments/ports/${portId}/channels/${channelId}/sequences/`,
  packetCommitment: (portId: string, channelId: string, seq: bigint) => `commitments/ports/${portId}/channels/${channelId}/sequences/${seq}`,
  packetAckPrefix: (portId: string, channelId: string) => `acks/ports/${portId}/channels/${channelId}/sequences/`,
  packetAck: (portId: string, channelId: string, seq: bigint) => `acks/ports/${portId}/channels/${channelId}/sequences/${seq}`,
  packetReceipt: (portId: string, channelId: string, seq: bigint) => `receipts/ports/${portId}/channels/${channelId}/sequences/${seq}`,
  nextClientSequence: 'nextClientSequence',
  nextConnectionSequence: 'nextConnectionSequence',
  nextChannelSequence: 'nextChannelSequence',
  /** 02-client / 03-connection params (ibc-go stores them under these keys). */
  clientParams: 'clientParams',
  connectionParams: 'connectionParams',
} as const;

export const key = (path: string): Uint8Array => enc.encode(path);

/** Big-endian (revision number, revision height): 07-tendermint's `iterateConsensusStates` index. */
export function iterationKey(clientId: string, h: Height): Uint8Array {
  const b = new Uint8Array(16);
  const dv = new DataView(b.buffer);
  dv.setBigUint64(0, h.revisionNumber);
  dv.setBigUint64(8, h.revisionHeight);
  const p = enc.encode(`clients/${clientId}/iterateConsensusStates`);
  const out = new Uint8Array(p.length + 16);
  out.set(p);
  out.set(b, p.length);
  return out;
}

export function iterationPrefix(clientId: string): Uint8Array {
  return enc.encode(`clients/${clientId}/iterateConsensusStates`);
}

// --- identifiers (24-host validate.go) ------------------------------------------------

const ID_RE = /^[a-zA-Z0-9.\_+\-#[\]<>]+$/;

function validateIdentifier(id: string, min: number, max: number, what: string): void {
  if (id.trim() === '') throw hostErrors.InvalidID(`${what} identifier cannot be blank`);
  if (id.includes('/')) throw hostErrors.InvalidID(`${what} identifier ${id} cannot contain separator '/'`);
  if (id.length < min || id.length > max) {
    throw hostErrors.InvalidID(`${what} identifier ${id} has invalid length: ${id.length}, must be between ${min}-${max} characters`);
  }
  if (!ID_RE.test(id)) throw hostErrors.InvalidID(`${what} identifier ${id} must contain only alphanumeric or the following characters: '.', '_', '+', '-', '#', '[', ']', '<', '>'`);
}

export const validateClientId = (id: string) => validateIdentifier(id, 9, 64, 'client');
export const validateConnectionId = (id: string) => validateIdentifier(id, 10, 64, 'connection');
export const validateChannelId = (id: string) => validateIdentifier(id, 8, 64, 'channel');
export const validatePortId = (id: string) => validateIdentifier(id, 2, 128, 'port');

/** "07-tendermint-3" → 3n; undefined when not of the form `{prefix}-{n}`. */
export function parseIdentifierSequence(id: string, prefix: string): bigint | undefined {
  if (!id.startsWith(`${prefix}-`)) return undefined;
  const rest = id.slice(prefix.length + 1);
  return /^(0|[1-9][0-9]*)$/.test(rest) ? BigInt(rest) : undefined;
}

// --- chain id revisions (02-client types/height.go) ---------------------------------------

const REVISION_RE = /^.*[^\n-]-{1}[1-9][0-9]*$/;

export function isRevisionFormat(chainId: string): boolean {
  return REVISION_RE.test(chainId);
}

/** "hma-1" → 1n; 0n when the chain id has no revision suffix. */
export function parseChainIdRevision(chainId: string): bigint {
  if (!isRevisionFormat(chainId)) return 0n;
  return BigInt(chainId.slice(chainId.lastIndexOf('-') + 1));
}

export function setRevisionNumber(chainId: string, revision: bigint): string {
  if (!isRevisionFormat(chainId)) return chainId;
  return `${chainId.slice(0, chainId.lastIndexOf('-'))}-${revision}`;
}

export function compareHeights(a: Height, b: Height): number {
  if (a.revisionNumber !== b.revisionNumber) return a.revisionNumber < b.revisionNumber ? -1 : 1;
  if (a.revisionHeight !== b.revisionHeight) return a.revisionHeight < b.revisionHeight ? -1 : 1;
  return 0;
}

export const isZeroHeight = (h: Height | undefined): boolean => !h || (h.revisionNumber === 0n && h.revisionHeight === 0n);

export const ZERO_HEIGHT: Height = { revisionNumber: 0n, revisionHeight: 0n };
