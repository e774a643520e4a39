/**
 * PaychKeeper: unidirectional payment channels (README). A channel holds the payer's deposit in
 * the module account; vouchers the payer signs off chain promise a cumulative amount per lane;
 * redeeming one (MsgUpdateChannel, or MsgSettle with a voucher) raises the lane's redeemed amount
 * to the voucher's, which must verify under the payer's key recorded at creation, have a nonce
 * above the lane's, not lower the lane's amount, and keep Σ redeemed ≤ deposit. MsgSettle starts
 * the challenge window (settle_delay_blocks, pushed back by vouchers' min_settle_height); a newer
 * voucher can still be redeemed during it; MsgCollect after it pays Σ redeemed to the payee and the
 * rest to the payer, and removes the channel.
 */
import { Channel, LaneState, type Params, type Voucher } from '../../src/gen/hypermesh/paych/v1/paych';
import { EventChannelCollected, EventChannelCreated, EventChannelFunded, EventChannelSettling, EventVoucherRedeemed } from '../../src/gen/hypermesh/paych/v1/events';
import type { MsgCreateChannel, MsgFundChannel } from '../../src/gen/hypermesh/paych/v1/tx';
import type { AddressCodec } from '../../src/crypto/address';
import { decodePubKey, encodePubKey, type PubKey } from '../../src/crypto/pubkey';
import { defaultVerifier, verifySignature, type SignatureVerifier } from '../../src/crypto/verify';
import { CMap, keys } from '../../src/store/collections';
import { coinToString, parseAmount, validateDenom } from '../../src/types/coins';
import type { Context } from '../../src/types/context';
import { sdk } from '../../src/types/errors';
import { paychErrors } from './errors';
import { emitTyped } from './events';
import type { AccountKeeper, BankKeeper } from './expected_keepers';
import { ModuleName, paychState } from './keys';
import { AMOUNT_RE, voucherSignBytes } from './sign_bytes';

export interface PaychKeeperDeps {
  accounts: AccountKeeper;
  bank: BankKeeper;
  authority: string;
  verifier?: SignatureVerifier;
}

/** Lanes are numbered below 2^63 (as Filecoin's). */
export const MAX_LANE = (1n << 63n) - 1n;

export class PaychKeeper {
  readonly state = paychState();
  constructor(readonly deps: PaychKeeperDeps) {}

  get addrs(): AddressCodec {
    return this.deps.accounts.addressCodec;
  }
  params(ctx: Context): Params {
    return this.state.params.must(ctx);
  }
  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }

  mustChannel(ctx: Context, id: bigint): Channel {
    const c = this.state.channels.get(ctx, id);
    if (!c) throw paychErrors.ChannelNotFound(`no open channel ${id}`);
    return c;
  }

  lanes(ctx: Context, id: bigint): LaneState[] {
    return [...this.state.lanes.iterate(ctx, { prefix: CMap.prefixOf(keys.uint64, id) })].map(([, l]) => l);
  }

  private party(c: Channel, sender: string): void {
    if (sender !== c.payer && sender !== c.payee) throw sdk.Unauthorized(`only the payer ${c.payer} or the payee ${c.payee} of channel ${c.id} can do this`);
  }

  private amountOf(coin: { denom: string; amount: string } | undefined, what: string): bigint {
    if (!coin) throw sdk.InvalidCoins(`${what} is required`);
    validateDenom(coin.denom);
    const n = parseAmount(coin.amount, what);
    if (n === 0n) throw sdk.InvalidCoins(`${what} must be positive`);
    return n;
  }

  createChannel(ctx: Context, m: MsgCreateChannel): bigint {
    const payer = this.addrs.decode(m.payer);
    const payee = this.addrs.decode(m.payee);
    if (m.payer === m.payee) throw paychErrors.InvalidChannel('payer and payee must differ');
    const amount = this.amountOf(m.deposit, 'deposit');
    // the key vouchers must verify under: the payer's account key (set by the ante handler of this tx)
    const any = this.deps.accounts.getAccount(ctx, payer)?.base.pubKey;
    let pubkey: PubKey;
    try {
      pubkey = decodePubKey(any);
    } catch (e) {
      throw paychErrors.NoPayerKey(`${m.payer} must be a secp256k1 or ed25519 key account: ${(e as Error).message}`);
    }
    this.deps.bank.sendFromAccountToModule(ctx, payer, ModuleName, [{ denom: m.deposit!.denom, amount }]);
    const id = this.state.nextChannelId.next(ctx);
    const channel = Channel.fromPartial({
      id,
      payer: m.payer,
      payee: m.payee,
      denom: m.deposit!.denom,
      deposit: amount.toString(),
      redeemed: '0',
      payerPubKey: encodePubKey(pubkey),
      settlingAt: 0n,
      minSettleHeight: 0n,
      createdHeight: BigInt(ctx.block.height),
      lanes: 0,
    });
    this.state.channels.set(ctx, id, channel);
    this.state.channelsByPayer.set(ctx, [payer, id], undefined);
    this.state.channelsByPayee.set(ctx, [payee, id], undefined);
    emitTyped(ctx, EventChannelCreated, { channelId: id, payer: m.payer, payee: m.payee, deposit: coinToString({ denom: channel.denom, amount }) });
    return id;
  }

  fundChannel(ctx: Context, m: MsgFundChannel): void {
    const c = this.mustChannel(ctx, m.channelId);
    if (m.payer !== c.payer) throw sdk.Unauthorized(`only the payer ${c.payer} funds channel ${c.id}`);
    if (c.settlingAt !== 0n) throw paychErrors.ChannelSettling(`channel ${c.id} is settling (collectable at height ${c.settlingAt})`);
    const amount = this.amountOf(m.amount, 'amount');
    if (m.amount!.denom !== c.denom) throw paychErrors.WrongDenom(`channel ${c.id} holds ${c.denom}, not ${m.amount!.denom}`);
    this.deps.bank.sendFromAccountToModule(ctx, this.addrs.decode(m.payer), ModuleName, [{ denom: c.denom, amount }]);
    const deposit = BigInt(c.deposit) + amount;
    this.state.channels.set(ctx, c.id, { ...c, deposit: deposit.toString() });
    emitTyped(ctx, EventChannelFunded, { channelId: c.id, amount: amount.toString(), deposit: deposit.toString() });
  }

  /** Redeems a voucher (rules in the module doc); returns what it added to the channel's redeemed total. */
  redeem(ctx: Context, sender: string, v: Voucher): bigint {
    const c = this.mustChannel(ctx, v.channelId);
    this.party(c, sender);
    const height = BigInt(ctx.block.height);
    if (c.settlingAt !== 0n && height >= c.settlingAt) throw paychErrors.ChannelSettling(`channel ${c.id} settled at height ${c.settlingAt}: no more vouchers`);
    if (!AMOUNT_RE.test(v.amount)) throw paychErrors.InvalidVoucher(`amount must be a decimal integer without sign or leading zeros, got ${JSON.stringify(v.amount.slice(0, 80))}`);
    if (v.lane > MAX_LANE) throw paychErrors.InvalidVoucher(`lane ${v.lane} is above the maximum ${MAX_LANE}`);
    if (v.nonce === 0n) throw paychErrors.InvalidVoucher('nonce must be positive');
    if (v.minSettleHeight < 0n) throw paychErrors.InvalidVoucher('min settle height must not be negative');
    const params = this.params(ctx);
    ctx.gasMeter.consume(params.signatureGas, 'paych: voucher signature');
    const pubkey = decodePubKey(c.payerPubKey);
    if (v.signature.length === 0 || !verifySignature(pubkey, voucherSignBytes(ctx.block.chainId, v), v.signature, this.deps.verifier ?? defaultVerifier)) {
      throw paychErrors.InvalidSignature(`the voucher is not ${c.payer}'s signature for channel ${c.id} on ${ctx.block.chainId}`);
    }
    const lane = this.state.lanes.get(ctx, [c.id, v.lane]);
    if (lane && v.nonce <= lane.nonce) throw paychErrors.StaleVoucher(`lane ${v.lane} of channel ${c.id} redeemed nonce ${lane.nonce}; this voucher has nonce ${v.nonce}`);
    if (!lane && c.lanes >= params.maxLanes) throw paychErrors.TooManyLanes(`channel ${c.id} uses ${c.lanes} lanes; at most ${params.maxLanes}`);
    const amount = BigInt(v.amount);
    const before = lane ? BigInt(lane.redeemed) : 0n;
    if (amount < before) throw paychErrors.AmountDecreased(`lane ${v.lane} of channel ${c.id} redeemed ${before}; the voucher says ${amount}`);
    const delta = amount - before;
    const redeemed = BigInt(c.redeemed) + delta;
    if (redeemed > BigInt(c.deposit)) throw paychErrors.ExceedsDeposit(`channel ${c.id} would owe ${redeemed}${c.denom} of a ${c.deposit}${c.denom} deposit`);
    this.state.lanes.set(ctx, [c.id, v.lane], LaneState.fromPartial({ channelId: c.id, lane: v.lane, nonce: v.nonce, redeemed: amount.toString() }));
    let next: Channel = { ...c, redeemed: redeemed.toString(), lanes: lane ? c.lanes : c.lanes + 1 };
    if (v.minSettleHeight > next.minSettleHeight) next = { ...next, minSettleHeight: v.minSettleHeight };
    if (next.settlingAt !== 0n && next.settlingAt < next.minSettleHeight) next = { ...next, settlingAt: next.minSettleHeight };
    this.state.channels.set(ctx, c.id, next);
    emitTyped(ctx, EventVoucherRedeemed, { channelId: c.id, lane: v.lane, nonce: v.nonce, amount: amount.toString(), redeemedDelta: delta.toString(), redeemed: redeemed.toString(), sender });
    return delta;
  }

  /** Starts the challenge window; returns the height from which the channel can be collected. */
  settle(ctx: Context, sender: string, channelId: bigint, voucher?: Voucher): bigint {
    if (voucher) {
      if (voucher.channelId !== channelId) throw paychErrors.InvalidVoucher(`the voucher is for channel ${voucher.channelId}, not ${channelId}`);
      this.redeem(ctx, sender, voucher);
    }
    const c = this.mustChannel(ctx, channelId);
    this.party(c, sender);
    if (c.settlingAt !== 0n) throw paychErrors.AlreadySettling(`channel ${c.id} is collectable from height ${c.settlingAt}`);
    let at = BigInt(ctx.block.height) + this.params(ctx).settleDelayBlocks;
    if (at < c.minSettleHeight) at = c.minSettleHeight;
    this.state.channels.set(ctx, c.id, { ...c, settlingAt: at });
    emitTyped(ctx, EventChannelSettling, { channelId: c.id, settlingAt: at, sender });
    return at;
  }

  collect(ctx: Context, sender: string, channelId: bigint): { paid: bigint; returned: bigint } {
    const c = this.mustChannel(ctx, channelId);
    this.party(c, sender);
    const height = BigInt(ctx.block.height);
    if (c.settlingAt === 0n) throw paychErrors.NotSettled(`channel ${c.id} is not settling: MsgSettle first`);
    if (height < c.settlingAt) throw paychErrors.NotSettled(`channel ${c.id} is collectable from height ${c.settlingAt} (now ${height})`);
    const paid = BigInt(c.redeemed);
    const returned = BigInt(c.deposit) - paid;
    if (paid > 0n) this.deps.bank.sendFromModuleToAccount(ctx, ModuleName, this.addrs.decode(c.payee), [{ denom: c.denom, amount: paid }]);
    if (returned > 0n) this.deps.bank.sendFromModuleToAccount(ctx, ModuleName, this.addrs.decode(c.payer), [{ denom: c.denom, amount: returned }]);
    for (const l of this.lanes(ctx, c.id)) this.state.lanes.delete(ctx, [c.id, l.lane]);
    this.state.channels.delete(ctx, c.id);
    this.state.channelsByPayer.delete(ctx, [this.addrs.decode(c.payer), c.id]);
    this.state.channelsByPayee.delete(ctx, [this.addrs.decode(c.payee), c.id]);
    emitTyped(ctx, EventChannelCollected, { channelId: c.id, paid: paid.toString(), returned: returned.toString() });
    return { paid, returned };
  }
}
