/**
 * 02-client: creates light clients (07-tendermint only), updates them with headers, freezes them
 * on misbehaviour, reports their status, and checks a counterparty's client of *this* chain
 * (ValidateSelfClient / GetSelfConsensusState, from staking's HistoricalInfo).
 */
import { iavlSpec, ics23, tendermintSpec } from '@confio/ics23';
import { Any } from 'cosmjs-types/google/protobuf/any';
import { ProofSpec } from 'cosmjs-types/cosmos/ics23/v1/proofs';
import { ClientState, ConsensusState } from 'cosmjs-types/ibc/lightclients/tendermint/v1/tendermint';
import { defaultVerifier, type SignatureVerifier } from '../../src/crypto/verify';
import { equalBytes } from '../../src/store/bytes';
import type { Context } from '../../src/types/context';
import { clientErrors, ibcErrors } from './errors';
import { clientEvents } from './events';
import type { StakingKeeper } from './expected_keepers';
import { compareHeights, heightString, parseChainIdRevision, parseIdentifierSequence, type Height } from './host';
import { CLIENT_TYPE, durationNs, isMisbehaviour, TendermintClient, unpackClientState, unpackConsensusState, validateClientState, type Status } from './lightclient/tendermint';
import { StoreKey } from './keys';
import { IbcStore } from './store';

export const ALLOWED_CLIENTS = [CLIENT_TYPE];
/** Gas per signature a header's commit makes the light client verify (x/auth's default costs). */
export const SIG_VERIFY_COST_ED25519 = 590n;
export const SIG_VERIFY_COST_SECP256K1 = 1000n;

const sdkProofSpecs = (): Uint8Array[] => [iavlSpec, tendermintSpec].map((s) => ProofSpec.encode(ProofSpec.decode(ics23.ProofSpec.encode(s).finish())).finish());

export class ClientKeeper {
  constructor(
    private readonly staking: StakingKeeper,
    private readonly verifier?: SignatureVerifier,
  ) {}

  selfHeight(ctx: Context): Height {
    return { revisionNumber: parseChainIdRevision(ctx.block.chainId), revisionHeight: BigInt(ctx.block.height) };
  }

  /** The client store; its signature checks are charged to the context's gas meter. */
  client(ctx: Context, clientId: string): TendermintClient {
    const base = this.verifier ?? defaultVerifier;
    const charged: SignatureVerifier = {
      name: base.name,
      secp256k1: (k, m, sig) => {
        ctx.gasMeter.consume(SIG_VERIFY_COST_SECP256K1, 'ibc light client: secp256k1 signature');
        return base.secp256k1(k, m, sig);
      },
      ed25519: (k, m, sig) => {
        ctx.gasMeter.consume(SIG_VERIFY_COST_ED25519, 'ibc light client: ed25519 signature');
        return base.ed25519(k, m, sig);
      },
    };
    return new TendermintClient(ctx.kv(StoreKey), clientId, charged);
  }

  /** The client, or client/4 when it does not exist. */
  existing(ctx: Context, clientId: string): TendermintClient {
    const c = this.client(ctx, clientId);
    if (!c.clientState()) throw clientErrors.ClientNotFound(`client ${clientId} not found`);
    return c;
  }

  status(ctx: Context, clientId: string): Status {
    if (parseIdentifierSequence(clientId, CLIENT_TYPE) === undefined) return 'Unauthorized';
    return this.client(ctx, clientId).status(ctx.block.timeNs);
  }

  assertActive(ctx: Context, clientId: string, what: string): void {
    const status = this.status(ctx, clientId);
    if (status !== 'Active') throw clientErrors.ClientNotActive(`cannot ${what} using client (${clientId}) with status ${status}`);
  }

  create(ctx: Context, clientStateAny: Any | undefined, consensusStateAny: Any | undefined): string {
    const cs = unpackClientState(clientStateAny);
    const cons = unpackConsensusState(consensusStateAny);
    validateClientState(cs);
    const store = IbcStore.of(ctx);
    const clientId = `${CLIENT_TYPE}-${store.nextSequence('nextClientSequence')}`;
    const client = this.client(ctx, clientId);
    client.initialize(cs, cons, ctx.block.timeNs, this.selfHeight(ctx));
    const status = client.status(ctx.block.timeNs);
    if (status !== 'Active') throw clientErrors.ClientNotActive(`cannot create client (${clientId}) with status ${status}`);
    for (const e of clientEvents.create(clientId, CLIENT_TYPE, heightString(cs.latestHeight))) ctx.events.emit(e);
    return clientId;
  }

  /** MsgUpdateClient (and MsgSubmitMisbehaviour): verify, then freeze on misbehaviour or store the header. */
  update(ctx: Context, clientId: string, message: Any | undefined): void {
    if (!message) throw clientErrors.InvalidHeader('client message cannot be nil');
    const client = this.existing(ctx, clientId);
    this.assertActive(ctx, clientId, 'update client');
    const msg = client.verifyClientMessage(message, ctx.block.timeNs);
    if (client.checkForMisbehaviour(msg)) {
      client.updateStateOnMisbehaviour();
      for (const e of clientEvents.misbehaviour(clientId, CLIENT_TYPE)) ctx.events.emit(e);
      return;
    }
    if (isMisbehaviour(msg)) throw clientErrors.InvalidMisbehaviour('misbehaviour headers do not conflict');
    const height = client.updateState(msg, ctx.block.timeNs, this.selfHeight(ctx));
    const headerHex = Buffer.from(Any.encode(message).finish()).toString('hex');
    for (const e of clientEvents.update(clientId, CLIENT_TYPE, [heightString(height)], headerHex)) ctx.events.emit(e);
  }

  // --- this chain as a counterparty sees it --------------------------------------------

  /** ValidateSelfClient: the counterparty's client of this chain must describe this chain. */
  validateSelfClient(ctx: Context, any: Any | undefined): ClientState {
    const cs = unpackClientState(any);
    if (cs.frozenHeight.revisionNumber !== 0n || cs.frozenHeight.revisionHeight !== 0n) throw clientErrors.ClientFrozen('tendermint client is frozen');
    if (cs.chainId !== ctx.block.chainId) throw clientErrors.InvalidClient(`invalid chain-id. expected: ${ctx.block.chainId}, got: ${cs.chainId}`);
    const revision = parseChainIdRevision(ctx.block.chainId);
    if (cs.latestHeight.revisionNumber !== revision) {
      throw clientErrors.InvalidClient(`client is not in the same revision as the chain. expected revision number: ${revision}, got: ${cs.latestHeight.revisionNumber}`);
    }
    const self = this.selfHeight(ctx);
    if (compareHeights(cs.latestHeight, self) >= 0) {
      throw clientErrors.InvalidClient(`client has LatestHeight ${heightString(cs.latestHeight)} greater than or equal to chain height ${heightString(self)}`);
    }
    const want = sdkProofSpecs();
    const got = cs.proofSpecs.map((s) => ProofSpec.encode(ProofSpec.decode(ProofSpec.encode(s).finish())).finish());
    if (got.length !== want.length || got.some((g, i) => !equalBytes(g, want[i]))) throw clientErrors.InvalidClient('client has invalid proof specs');
    const tl = cs.trustLevel;
    if (!tl || tl.denominator === 0n || tl.numerator * 3n < tl.denominator || tl.numerator > tl.denominator) {
      throw clientErrors.InvalidClient(`trust-level invalid: ${tl?.numerator}/${tl?.denominator}`);
    }
    const ubd = this.staking.unbondingTimeNs(ctx);
    if (durationNs(cs.unbondingPeriod) !== ubd) {
      throw clientErrors.InvalidClient(`invalid unbonding period. expected: ${ubd}ns, got: ${durationNs(cs.unbondingPeriod)}ns`);
    }
    if (durationNs(cs.unbondingPeriod) < durationNs(cs.trustingPeriod)) {
      throw clientErrors.InvalidClient('unbonding period must be greater than trusting period');
    }
    if (cs.upgradePath.length !== 0 && (cs.upgradePath.length !== 2 || cs.upgradePath[0] !== 'upgrade' || cs.upgradePath[1] !== 'upgradedIBCState')) {
      throw clientErrors.InvalidClient('upgrade path must be the upgrade path defined by upgrade module');
    }
    return cs;
  }

  /** GetSelfConsensusState: this chain's consensus state at a past height, from HistoricalInfo. */
  selfConsensusState(ctx: Context, height: Height): ConsensusState {
    const revision = parseChainIdRevision(ctx.block.chainId);
    if (height.revisionNumber !== revision) {
      throw ibcErrors.InvalidHeight(`chainID revision number does not match height revision number: expected ${revision}, got ${height.revisionNumber}`);
    }
    const info = this.staking.historicalInfo(ctx, height.revisionHeight);
    const h = info?.header;
    if (!h || !h.time) throw clientErrors.SelfConsensusStateNotFound(`no historical info for height ${height.revisionHeight}`);
    return ConsensusState.fromPartial({ timestamp: h.time, root: { hash: h.appHash }, nextValidatorsHash: h.nextValidatorsHash });
  }
}

export { unpackClientState };
