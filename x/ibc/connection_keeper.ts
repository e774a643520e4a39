/**
 * 03-connection: the four-step handshake (ibc-go 03-connection keeper/handshake.go) and the
 * verification of counterparty state through this chain's client of it (keeper/verify.go):
 * every proof is checked under the counterparty's MerklePrefix at a height the client knows.
 */
import type { Any } from 'cosmjs-types/google/protobuf/any';
import { ConnectionEnd, Counterparty, State, stateToJSON, type Version } from 'cosmjs-types/ibc/core/connection/v1/connection';
import type { Channel } from 'cosmjs-types/ibc/core/channel/v1/channel';
import type { ClientState, ConsensusState } from 'cosmjs-types/ibc/lightclients/tendermint/v1/tendermint';
import type { Context } from '../../src/types/context';
import { CodedError } from '../../src/types/errors';
import { channelBytes, connectionBytes } from './codec';
import { MERKLE_PREFIX } from './commitment';
import { clientErrors, connectionErrors, ibcErrors } from './errors';
import { connectionEvent } from './events';
import type { ClientKeeper } from './client_keeper';
import { compareHeights, heightString, paths, type Height } from './host';
import { clientStateAnyBytes, consensusStateAnyBytes } from './lightclient/tendermint';
import { IbcStore } from './store';

export const DEFAULT_VERSION: Version = { identifier: '1', features: ['ORDER_ORDERED', 'ORDER_UNORDERED'] };
/** 03-connection Params.max_expected_time_per_block default: 30 s. */
export const MAX_EXPECTED_TIME_PER_BLOCK_NS = 30_000_000_000n;

export function validateVersion(v: Version | undefined): void {
  if (!v) throw connectionErrors.InvalidVersion('version cannot be nil');
  if (v.identifier.trim() === '') throw connectionErrors.InvalidVersion('version identifier cannot be blank');
  if (v.features.length === 0) throw connectionErrors.InvalidVersion(`features cannot be empty for version ${v.identifier}`);
  for (const f of v.features) if (f.trim() === '') throw connectionErrors.InvalidVersion('feature cannot be blank');
}

export function isSupportedVersion(v: Version): boolean {
  return v.identifier === DEFAULT_VERSION.identifier && v.features.length > 0 && v.features.every((f) => DEFAULT_VERSION.features.includes(f));
}

/** PickVersion: our version with the features the counterparty also offers. */
export function pickVersion(counterparty: Version[]): Version {
  for (const cv of counterparty) {
    if (cv.identifier !== DEFAULT_VERSION.identifier) continue;
    const features = DEFAULT_VERSION.features.filter((f) => cv.features.includes(f));
    if (features.length > 0) return { identifier: DEFAULT_VERSION.identifier, features };
  }
  throw connectionErrors.VersionNegotiationFailed(`failed to find a matching counterparty version in ${JSON.stringify(counterparty.map((v) => v.identifier))}`);
}

export function versionSupportsOrdering(v: Version, ordering: string): boolean {
  return v.features.includes(ordering);
}

export class ConnectionKeeper {
  constructor(private readonly clients: ClientKeeper) {}

  connection(ctx: Context, id: string): ConnectionEnd {
    const c = IbcStore.of(ctx).connection(id);
    if (!c) throw connectionErrors.ConnectionNotFound(`connection ${id} not found`);
    return c;
  }

  private prefix(c: ConnectionEnd): Uint8Array {
    return c.counterparty?.prefix?.keyPrefix ?? new Uint8Array();
  }

  private emit(ctx: Context, type: Parameters<typeof connectionEvent>[0], id: string, c: ConnectionEnd): void {
    for (const e of connectionEvent(type, { connectionId: id, clientId: c.clientId, counterpartyClientId: c.counterparty?.clientId ?? '', counterpartyConnectionId: c.counterparty?.connectionId ?? '' })) ctx.events.emit(e);
  }

  openInit(ctx: Context, clientId: string, counterparty: Counterparty, version: Version | undefined, delayPeriod: bigint): string {
    let versions = [DEFAULT_VERSION];
    if (version) {
      if (!isSupportedVersion(version)) throw connectionErrors.InvalidVersion('version is not supported');
      versions = [version];
    }
    this.clients.existing(ctx, clientId);
    this.clients.assertActive(ctx, clientId, 'open connection');
    const store = IbcStore.of(ctx);
    const id = `connection-${store.nextSequence('nextConnectionSequence')}`;
    const c = ConnectionEnd.fromPartial({ clientId, versions, state: State.STATE_INIT, counterparty, delayPeriod });
    store.setConnection(id, c);
    store.addClientConnection(clientId, id);
    this.emit(ctx, 'connection_open_init', id, c);
    return id;
  }

  openTry(ctx: Context, m: { clientId: string; counterparty: Counterparty; delayPeriod: bigint; clientState?: Any; counterpartyVersions: Version[]; proofHeight: Height; proofInit: Uint8Array; proofClient: Uint8Array; proofConsensus: Uint8Array; consensusHeight: Height }): string {
    const self = this.clients.selfHeight(ctx);
    if (compareHeights(m.consensusHeight, self) >= 0) {
      throw ibcErrors.InvalidHeight(`consensus height is greater than or equal to the current block height (${heightString(m.consensusHeight)} >= ${heightString(self)})`);
    }
    const selfClient = this.clients.validateSelfClient(ctx, m.clientState);
    const expectedConsensus = this.clients.selfConsensusState(ctx, m.consensusHeight);
    const version = pickVersion(m.counterpartyVersions);
    const store = IbcStore.of(ctx);
    const id = `connection-${store.peekSequence('nextConnectionSequence')}`;
    const connection = ConnectionEnd.fromPartial({ clientId: m.clientId, versions: [version], state: State.STATE_TRYOPEN, counterparty: m.counterparty, delayPeriod: m.delayPeriod });
    this.clients.existing(ctx, m.clientId);
    const expected = ConnectionEnd.fromPartial({
      clientId: m.counterparty.clientId,
      versions: m.counterpartyVersions,
      state: State.STATE_INIT,
      counterparty: { clientId: m.clientId, connectionId: '', prefix: { keyPrefix: MERKLE_PREFIX } },
      delayPeriod: m.delayPeriod,
    });
    this.verifyConnectionState(ctx, connection, m.proofHeight, m.proofInit, m.counterparty.connectionId, expected);
    this.verifyClientState(ctx, connection, m.proofHeight, m.proofClient, selfClient);
    this.verifyClientConsensusState(ctx, connection, m.proofHeight, m.consensusHeight, m.proofConsensus, expectedConsensus);
    store.nextSequence('nextConnectionSequence');
    store.setConnection(id, connection);
    store.addClientConnection(m.clientId, id);
    this.emit(ctx, 'connection_open_try', id, connection);
    return id;
  }

  openAck(ctx: Context, m: { connectionId: string; counterpartyConnectionId: string; version?: Version; clientState?: Any; proofHeight: Height; proofTry: Uint8Array; proofClient: Uint8Array; proofConsensus: Uint8Array; consensusHeight: Height }): void {
    const self = this.clients.selfHeight(ctx);
    if (compareHeights(m.consensusHeight, self) >= 0) {
      throw ibcErrors.InvalidHeight(`consensus height is greater than or equal to the current block height (${heightString(m.consensusHeight)} >= ${heightString(self)})`);
    }
    const connection = this.connection(ctx, m.connectionId);
    if (connection.state !== State.STATE_INIT) throw connectionErrors.InvalidConnectionState(`connection state is not INIT (got ${stateToJSON(connection.state)})`);
    validateVersion(m.version);
    const version = m.version!;
    if (!connection.versions.some((v) => v.identifier === version.identifier && version.features.every((f) => v.features.includes(f)))) {
      throw connectionErrors.InvalidVersion(`the counterparty selected version ${JSON.stringify(version)} is not supported by versions selected on INIT`);
    }
    const selfClient = this.clients.validateSelfClient(ctx, m.clientState);
    const expectedConsensus = this.clients.selfConsensusState(ctx, m.consensusHeight);
    const expected = ConnectionEnd.fromPartial({
      clientId: connection.counterparty!.clientId,
      versions: [version],
      state: State.STATE_TRYOPEN,
      counterparty: { clientId: connection.clientId, connectionId: m.connectionId, prefix: { keyPrefix: MERKLE_PREFIX } },
      delayPeriod: connection.delayPeriod,
    });
    this.verifyConnectionState(ctx, connection, m.proofHeight, m.proofTry, m.counterpartyConnectionId, expected);
    this.verifyClientState(ctx, connection, m.proofHeight, m.proofClient, selfClient);
    this.verifyClientConsensusState(ctx, connection, m.proofHeight, m.consensusHeight, m.proofConsensus, expectedConsensus);
    connection.state = State.STATE_OPEN;
    connection.versions = [version];
    connection.counterparty = Counterparty.fromPartial({ ...connection.counterparty, connectionId: m.counterpartyConnectionId });
    IbcStore.of(ctx).setConnection(m.connectionId, connection);
    this.emit(ctx, 'connection_open_ack', m.connectionId, connection);
  }

  openConfirm(ctx: Context, m: { connectionId: string; proofAck: Uint8Array; proofHeight: Height }): void {
    const connection = this.connection(ctx, m.connectionId);
    if (connection.state !== State.STATE_TRYOPEN) throw connectionErrors.InvalidConnectionState(`connection state is not TRYOPEN (got ${stateToJSON(connection.state)})`);
    const expected = ConnectionEnd.fromPartial({
      clientId: connection.counterparty!.clientId,
      versions: connection.versions,
      state: State.STATE_OPEN,
      counterparty: { clientId: connection.clientId, connectionId: m.connectionId, prefix: { keyPrefix: MERKLE_PREFIX } },
      delayPeriod: connection.delayPeriod,
    });
    this.verifyConnectionState(ctx, connection, m.proofHeight, m.proofAck, connection.counterparty!.connectionId, expected);
    connection.state = State.STATE_OPEN;
    IbcStore.of(ctx).setConnection(m.connectionId, connection);
    this.emit(ctx, 'connection_open_confirm', m.connectionId, connection);
  }

  // --- verification of counterparty state (keeper/verify.go) ----------------------------

  private activeClient(ctx: Context, c: ConnectionEnd) {
    this.clients.assertActive(ctx, c.clientId, 'verify');
    return this.clients.existing(ctx, c.clientId);
  }

  /** ibc-go's delay for packet proofs: the connection's delay period, and as blocks at 30 s a block (rounded up). */
  private checkDelay(ctx: Context, c: ConnectionEnd, height: Height): void {
    if (c.delayPeriod === 0n) return;
    const blocks = (c.delayPeriod + MAX_EXPECTED_TIME_PER_BLOCK_NS - 1n) / MAX_EXPECTED_TIME_PER_BLOCK_NS;
    this.clients.existing(ctx, c.clientId).verifyDelayPassed(height, c.delayPeriod, blocks, ctx.block.timeNs, this.clients.selfHeight(ctx));
  }

  private membership(ctx: Context, c: ConnectionEnd, height: Height, proof: Uint8Array, path: string, value: Uint8Array, fail: (d: string, cause: unknown) => Error, delayed = false): void {
    const client = this.activeClient(ctx, c);
    if (delayed) this.checkDelay(ctx, c, height);
    try {
      client.verifyMembership(height, proof, this.prefix(c), path, value);
    } catch (e) {
      throw wrap(e, fail, `failed ${path} verification for client (${c.clientId})`);
    }
  }

  verifyClientState(ctx: Context, c: ConnectionEnd, height: Height, proof: Uint8Array, cs: ClientState): void {
    this.membership(ctx, c, height, proof, paths.clientState(c.counterparty!.clientId), clientStateAnyBytes(cs), clientErrors.FailedClientStateVerification);
  }

  verifyClientConsensusState(ctx: Context, c: ConnectionEnd, height: Height, consensusHeight: Height, proof: Uint8Array, cs: ConsensusState): void {
    this.membership(ctx, c, height, proof, paths.consensusState(c.counterparty!.clientId, consensusHeight), consensusStateAnyBytes(cs), clientErrors.FailedClientConsensusStateVerification);
  }

  verifyConnectionState(ctx: Context, c: ConnectionEnd, height: Height, proof: Uint8Array, connectionId: string, expected: ConnectionEnd): void {
    this.membership(ctx, c, height, proof, paths.connection(connectionId), connectionBytes(expected), clientErrors.FailedConnectionStateVerification);
  }

  verifyChannelState(ctx: Context, c: ConnectionEnd, height: Height, proof: Uint8Array, portId: string, channelId: string, expected: Channel): void {
    this.membership(ctx, c, height, proof, paths.channelEnd(portId, channelId), channelBytes(expected), clientErrors.FailedChannelStateVerification);
  }

  verifyPacketCommitment(ctx: Context, c: ConnectionEnd, height: Height, proof: Uint8Array, portId: string, channelId: string, seq: bigint, commitment: Uint8Array): void {
    this.membership(ctx, c, height, proof, paths.packetCommitment(portId, channelId, seq), commitment, clientErrors.FailedPacketCommitmentVerification, true);
  }

  verifyPacketAcknowledgement(ctx: Context, c: ConnectionEnd, height: Height, proof: Uint8Array, portId: string, channelId: string, seq: bigint, ackCommitment: Uint8Array): void {
    this.membership(ctx, c, height, proof, paths.packetAck(portId, channelId, seq), ackCommitment, clientErrors.FailedPacketAckVerification, true);
  }

  verifyNextSequenceRecv(ctx: Context, c: ConnectionEnd, height: Height, proof: Uint8Array, portId: string, channelId: string, next: bigint): void {
    const v = new Uint8Array(8);
    new DataView(v.buffer).setBigUint64(0, next);
    this.membership(ctx, c, height, proof, paths.nextSequenceRecv(portId, channelId), v, clientErrors.FailedNextSeqRecvVerification, true);
  }

  verifyPacketReceiptAbsence(ctx: Context, c: ConnectionEnd, height: Height, proof: Uint8Array, portId: string, channelId: string, seq: bigint): void {
    const client = this.activeClient(ctx, c);
    this.checkDelay(ctx, c, height);
    try {
      client.verifyNonMembership(height, proof, this.prefix(c), paths.packetReceipt(portId, channelId, seq));
    } catch (e) {
      throw wrap(e, clientErrors.FailedPacketReceiptVerification, `failed packet receipt absence verification for client (${c.clientId})`);
    }
  }

  /** Timestamp (ns) of the counterparty at `height`, from the client's consensus state. */
  timestampAtHeight(ctx: Context, c: ConnectionEnd, height: Height): bigint {
    return this.clients.existing(ctx, c.clientId).timestampAt(height);
  }
}

/**
 * Keeps the registered error of the light client (client/26 for a height the client has not
 * reached, commitment/2 for a proof that does not verify...), as ibc-go's errorsmod.Wrap does;
 * anything else becomes `fail`.
 */
function wrap(e: unknown, fail: (d: string, cause: unknown) => Error, detail: string): Error {
  if (e instanceof CodedError) {
    return new CodedError(e.codespace, e.code, e.message, detail, { cause: e });
  }
  return fail(`${detail}: ${String(e)}`, e);
}

