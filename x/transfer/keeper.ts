/**
 * TransferKeeper: ICS-20 sends and receives. A native token leaving by (port, channel) is escrowed
 * in that channel's escrow address and released when it comes back; a token arriving from a
 * chain that is its source is minted as the voucher `ibc/{hash}` (its trace recorded) and burned
 * when it leaves again. Refunds on error acknowledgements and timeouts undo the send.
 */
import type { DenomTrace as ProtoDenomTrace } from 'cosmjs-types/ibc/applications/transfer/v1/denomtrace';
import type { Params } from 'cosmjs-types/ibc/applications/transfer/v1/transfer';
import type { Packet } from 'cosmjs-types/ibc/core/channel/v1/channel';
import type { AddressCodec } from '../../src/crypto/address';
import type { Coin } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import { CodedError } from '../../src/types/errors';
import { ibcErrors } from '../ibc/errors';
import type { Height } from '../ibc/host';
import { escrowAddress, fullDenomPath, ibcDenom, parseDenomTrace, parseHexHash, receiverChainIsSource, senderChainIsSource, traceHash, type DenomTrace } from './denom';
import { transferErrors } from './errors';
import { transferEvents } from './events';
import type { BankKeeper, ChannelKeeper } from './expected_keepers';
import { DEFAULT_PARAMS, ModuleName, transferState } from './keys';
import { packetDataBytes, type FungibleTokenPacketData } from './packet';

const hexToBytes = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

export class TransferKeeper {
  readonly state = transferState();

  constructor(
    private readonly deps: { bank: BankKeeper; channels: ChannelKeeper; addrs: AddressCodec },
  ) {}

  params(ctx: Context): Params {
    return this.state.params.get(ctx) ?? DEFAULT_PARAMS;
  }
  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }

  denomTrace(ctx: Context, hash: string): ProtoDenomTrace | undefined {
    return this.state.denomTraces.get(ctx, hexToBytes(parseHexHash(hash)));
  }
  setDenomTrace(ctx: Context, t: DenomTrace): void {
    this.state.denomTraces.set(ctx, hexToBytes(traceHash(t)), { path: t.path, baseDenom: t.baseDenom });
  }
  *denomTraces(ctx: Context): IterableIterator<ProtoDenomTrace> {
    for (const [, t] of this.state.denomTraces.iterate(ctx)) yield t;
  }

  totalEscrow(ctx: Context, denom: string): bigint {
    return this.state.totalEscrow.get(ctx, denom) ?? 0n;
  }
  private addEscrow(ctx: Context, denom: string, delta: bigint): void {
    const n = this.totalEscrow(ctx, denom) + delta;
    if (n === 0n) this.state.totalEscrow.delete(ctx, denom);
    else this.state.totalEscrow.set(ctx, denom, n);
  }

  /** The full trace path of a denom as this chain holds it ("ibc/HASH" resolved through the store). */
  fullPath(ctx: Context, denom: string): string {
    if (!denom.startsWith('ibc/')) return denom;
    const t = this.denomTrace(ctx, denom);
    if (!t) throw transferErrors.DenomNotFound(`denomination trace not found: ${parseHexHash(denom)}`);
    return fullDenomPath(t);
  }

  /** sendTransfer: escrow or burn, then SendPacket with the sorted-JSON packet data. */
  sendTransfer(ctx: Context, m: { sourcePort: string; sourceChannel: string; token: Coin; sender: Uint8Array; receiver: string; timeoutHeight: Height; timeoutTimestamp: bigint; memo: string }): bigint {
    if (!this.params(ctx).sendEnabled) throw transferErrors.SendDisabled();
    const senderBech = this.deps.addrs.encode(m.sender);
    if (this.deps.bank.isBlocked(senderBech)) throw ibcErrors.Unauthorized(`${senderBech} is not allowed to send funds`);
    this.deps.channels.channel(ctx, m.sourcePort, m.sourceChannel);
    const path = this.fullPath(ctx, m.token.denom);
    if (senderChainIsSource(m.sourcePort, m.sourceChannel, path)) {
      this.deps.bank.send(ctx, m.sender, escrowAddress(m.sourcePort, m.sourceChannel), [m.token]);
      this.addEscrow(ctx, m.token.denom, m.token.amount);
    } else {
      this.deps.bank.sendFromAccountToModule(ctx, m.sender, ModuleName, [m.token]);
      this.deps.bank.burnCoins(ctx, ModuleName, [m.token]);
    }
    const data = packetDataBytes({ denom: path, amount: m.token.amount.toString(), sender: senderBech, receiver: m.receiver, memo: m.memo });
    return this.deps.channels.sendPacket(ctx, m.sourcePort, m.sourceChannel, m.timeoutHeight, m.timeoutTimestamp, data);
  }

  /** OnRecvPacket: unescrow a returning native token, or mint the voucher of a foreign one. */
  onRecvPacket(ctx: Context, packet: Packet, data: FungibleTokenPacketData, amount: bigint): void {
    if (!this.params(ctx).receiveEnabled) throw transferErrors.ReceiveDisabled();
    let receiver: Uint8Array;
    try {
      receiver = this.deps.addrs.decode(data.receiver);
    } catch (e) {
      throw ibcErrors.InvalidAddress(`failed to decode receiver address: ${data.receiver}`, e);
    }
    if (this.deps.bank.isBlocked(data.receiver)) throw ibcErrors.Unauthorized(`${data.receiver} is not allowed to receive funds`);
    if (receiverChainIsSource(packet.sourcePort, packet.sourceChannel, data.denom)) {
      const unprefixed = data.denom.slice(`${packet.sourcePort}/${packet.sourceChannel}/`.length);
      const denom = ibcDenom(parseDenomTrace(unprefixed));
      const token = { denom, amount };
      this.deps.bank.send(ctx, escrowAddress(packet.destinationPort, packet.destinationChannel), receiver, [token]);
      this.addEscrow(ctx, denom, -amount);
      return;
    }
    const trace = parseDenomTrace(`${packet.destinationPort}/${packet.destinationChannel}/${data.denom}`);
    const hash = traceHash(trace);
    if (!this.state.denomTraces.has(ctx, hexToBytes(hash))) this.setDenomTrace(ctx, trace);
    const voucher = ibcDenom(trace);
    if (!this.deps.bank.getDenomMetadata(ctx, voucher)) {
      const full = fullDenomPath(trace);
      this.deps.bank.setDenomMetadata(ctx, {
        description: `IBC token from ${full}`,
        denomUnits: [{ denom: trace.baseDenom, exponent: 0, aliases: [] }],
        base: voucher,
        display: full,
        name: `${full} IBC token`,
        symbol: trace.baseDenom.toUpperCase(),
        uri: '',
        uriHash: '',
      });
    }
    ctx.events.emit(transferEvents.denomTrace(hash, voucher));
    this.deps.bank.mintCoins(ctx, ModuleName, [{ denom: voucher, amount }]);
    this.deps.bank.sendFromModuleToAccount(ctx, ModuleName, receiver, [{ denom: voucher, amount }]);
  }

  /** Gives the sender back what sendTransfer took (error acknowledgement or timeout). */
  refund(ctx: Context, packet: Packet, data: FungibleTokenPacketData, amount: bigint): void {
    const sender = this.deps.addrs.decode(data.sender);
    const denom = ibcDenom(parseDenomTrace(data.denom));
    const token = { denom, amount };
    if (senderChainIsSource(packet.sourcePort, packet.sourceChannel, data.denom)) {
      this.deps.bank.send(ctx, escrowAddress(packet.sourcePort, packet.sourceChannel), sender, [token]);
      this.addEscrow(ctx, denom, -amount);
      return;
    }
    this.deps.bank.mintCoins(ctx, ModuleName, [token]);
    this.deps.bank.sendFromModuleToAccount(ctx, ModuleName, sender, [token]);
  }
}

/** The ABCI code an error acknowledgement reports (1 for an unregistered error). */
export function abciCodeOf(e: unknown): number {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 16; cur = cur.cause, depth++) {
    if (cur instanceof CodedError) return cur.code;
  }
  return 1;
}
