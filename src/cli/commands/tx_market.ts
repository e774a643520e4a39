/**
 * `hypermesh tx market ...`: orders on the resource-token/uhyper books, workload requests and
 * bids, lease deposits and closes, SLA breach reports (x/market/README.md says what each message
 * does and which errors it returns). Prices are uhyper per token unit, as decimals ("10000", "0.5").
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { BreachKind, type SlaTerms } from '../../gen/hypermesh/market/v1/market';
import { Heartbeat } from '../../gen/hypermesh/resource/v1/resource';
import {
  MsgBid,
  MsgCancelBid,
  MsgCancelOrder,
  MsgCancelRequest,
  MsgCloseLease,
  MsgCreateRequest,
  MsgDepositLease,
  MsgReportBreach,
} from '../../gen/hypermesh/market/v1/tx';
import { createMarketAminoConverters, marketTypes, placeOrderMsg } from '../../sdk/market';
import { fromSdkJsonOf } from '../../codec/proto_json';
import { coinsToProto, type Coins } from '../../types/coins';
import { Dec } from '../../types/dec';
import type { TxModule } from '../client/context';
import { act, CliError } from '../client/errors';
import { withTxFlags } from '../client/flags';
import { runTx } from '../client/tx_runner';
import { intOption, uint64Option } from '../options';

const collect = (v: string, prev: string[] = []) => [...prev, v];

function decimal(s: string, what: string): string {
  if (!/^[0-9]+(\.[0-9]+)?$/.test(s)) throw new CliError(`${what} ${JSON.stringify(s)} must be a non-negative decimal, e.g. 10000 or 0.5`);
  return Dec.fromString(s).toProto();
}

/** "rcpu=10000" → { denom, price } (uhyper per unit). */
function pricesArg(list: string[] | undefined, what: string): { denom: string; price: string }[] {
  return (list ?? []).map((s) => {
    const m = /^([a-z][a-z0-9]*)=(.+)$/.exec(s);
    if (!m) throw new CliError(`${what} ${JSON.stringify(s)} must be denom=uhyper-per-unit, e.g. rcpu=10000`);
    return { denom: m[1], price: decimal(m[2], what) };
  });
}

function oneCoin(coins: Coins, example: string): Coins {
  if (coins.length !== 1) throw new CliError(`give one amount, e.g. ${example}`);
  return coins;
}

const id = (s: string, what: string) => {
  try {
    return uint64Option(s);
  } catch (e) {
    throw new CliError(`invalid ${what} ${JSON.stringify(s)}: ${(e as Error).message}`);
  }
};

export const marketTxModule: TxModule = {
  name: 'market',
  types: marketTypes,
  aminoConverters: createMarketAminoConverters(),
  register(tx, ctx) {
    const market = tx.command('market').description('compute market: order books, workload auctions, leases with escrow streams, SLA reports');
    const cmd = (c: Command) => withTxFlags(c);

    cmd(market.command('place-order <from> <side> <amount> [price]'))
      .description('an order on the AMOUNT denom/uhyper book, queued for this block’s EndBlock: place-order alice buy 5rcpu 10000 (no price: a market order)')
      .option('--tif <gtc|ioc|fok>', 'time in force (default: gtc for limit orders, ioc for market orders)')
      .option('--post-only', 'refuse to take liquidity (limit GTC only)', false)
      .option('--max-quote <amount>', 'market buys: the uhyper budget, fees included, e.g. 60000uhyper')
      .option('--priority-fee <amount>', 'uhyper burned to be matched earlier in the block, e.g. 10uhyper')
      .action(
        act(async (from: string, side: string, amount: string, price: string | undefined, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            if (side !== 'buy' && side !== 'sell') throw new CliError(`side must be buy or sell, got ${JSON.stringify(side)}`);
            const [c] = oneCoin(inputs.coins(amount, 'quantity'), '5rcpu');
            if (price !== undefined) decimal(price, 'price');
            const tif = o.tif as string | undefined;
            if (tif !== undefined && !['gtc', 'ioc', 'fok'].includes(tif)) throw new CliError('--tif must be gtc, ioc or fok');
            const maxQuote = o.maxQuote ? oneCoin(inputs.coins(o.maxQuote, 'max quote'), '60000uhyper')[0] : undefined;
            const fee = o.priorityFee ? oneCoin(inputs.coins(o.priorityFee, 'priority fee'), '10uhyper')[0] : undefined;
            for (const x of [maxQuote, fee]) if (x && x.denom !== 'uhyper') throw new CliError(`${x.denom}: budgets and fees are in uhyper`);
            const msg = placeOrderMsg({ owner: inputs.sender, denom: c.denom, side, price, quantity: c.amount, timeInForce: tif as 'gtc' | 'ioc' | 'fok' | undefined, postOnly: o.postOnly, maxQuote: maxQuote?.amount, priorityFee: fee?.amount });
            const spends: Coins =
              side === 'sell' ? [c] : [{ denom: 'uhyper', amount: (maxQuote?.amount ?? (price !== undefined ? Dec.fromString(price).mulInt(c.amount).ceilInt() : 0n)) + (fee?.amount ?? 0n) }];
            return { msgs: [msg], spends: spends.filter((x) => x.amount > 0n) };
          }),
        ),
      );

    cmd(market.command('cancel-order <from> <order-id>'))
      .description('cancel a queued or resting order; its escrow comes back')
      .action(
        act(async (from: string, orderId: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => ({ msgs: [{ typeUrl: MsgCancelOrder.typeUrl, value: MsgCancelOrder.fromPartial({ owner: inputs.sender, orderId: id(orderId, 'order id') }) }] })),
        ),
      );

    cmd(market.command('create-request <from>'))
      .description('open a reverse auction for a workload: create-request bob --resource 2rcpu --max-price rcpu=10000 --duration-blocks 100 --bidding-blocks 10')
      .requiredOption('--resource <amount>', 'token units delivered over the lease (repeatable, one per denom), e.g. 2rcpu', collect)
      .requiredOption('--max-price <denom=uhyper>', 'max price per unit (repeatable, one per resource)', collect)
      .requiredOption('--duration-blocks <n>', 'lease duration in blocks', uint64Option)
      .requiredOption('--bidding-blocks <n>', 'bidding window in blocks', uint64Option)
      .option('--region <name>', 'required region', '')
      .option('--attr <key=value>', 'required audited attribute (repeatable)', collect)
      .option('--min-reputation <score>', 'minimum provider reputation in [0, 1]', '0')
      .option('--uptime-bps <n>', 'SLA: share of liveness windows the node must be live in, basis points', intOption)
      .option('--max-missed-windows <n>', 'SLA: consecutive missed windows that make a breach', intOption)
      .option('--penalty <amount>', 'SLA: uhyper slashed from the provider bond and paid to you per breach')
      .option('--penalty-bond-fraction <fraction>', 'SLA: instead of --penalty, this fraction of the provider bond per breach')
      .option('--priority-fee <amount>', 'uhyper burned to be matched earlier in the closing block')
      .action(
        act(async (from: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            const resources = (o.resource as string[]).map((s) => oneCoin(inputs.coins(s, 'resource'), '2rcpu')[0]);
            const maxPrices = pricesArg(o.maxPrice, '--max-price');
            const attributes = ((o.attr as string[] | undefined) ?? []).map((s) => {
              const i = s.indexOf('=');
              if (i <= 0) throw new CliError(`attribute ${JSON.stringify(s)} must be key=value`);
              return { key: s.slice(0, i), value: s.slice(i + 1) };
            });
            const penalty = o.penalty ? oneCoin(inputs.coins(o.penalty, 'penalty'), '1000000uhyper')[0] : undefined;
            const fee = o.priorityFee ? oneCoin(inputs.coins(o.priorityFee, 'priority fee'), '10uhyper')[0] : undefined;
            const sla: SlaTerms = {
              uptimeBps: o.uptimeBps ?? 0,
              heartbeatIntervalSeconds: 0n,
              maxMissedWindows: o.maxMissedWindows ?? 0,
              penalty: penalty ? penalty.amount.toString() : '',
              penaltyBondFraction: o.penaltyBondFraction ? decimal(o.penaltyBondFraction, '--penalty-bond-fraction') : '',
            };
            const msg = MsgCreateRequest.fromPartial({
              consumer: inputs.sender,
              resources: resources.map((c) => ({ denom: c.denom, amount: c.amount.toString() })),
              maxPrices,
              durationBlocks: o.durationBlocks,
              biddingBlocks: o.biddingBlocks,
              region: o.region,
              attributes,
              minReputation: decimal(o.minReputation, '--min-reputation'),
              sla,
              priorityFee: fee ? fee.amount.toString() : '',
            });
            let escrow = Dec.ZERO;
            for (const c of resources) escrow = escrow.add(Dec.fromProto(maxPrices.find((p) => p.denom === c.denom)?.price ?? '0').mulInt(c.amount));
            return { msgs: [{ typeUrl: MsgCreateRequest.typeUrl, value: msg }], spends: [{ denom: 'uhyper', amount: escrow.truncateInt() + (fee?.amount ?? 0n) }].filter((c) => c.amount > 0n) };
          }),
        ),
      );

    cmd(market.command('cancel-request <from> <request-id>'))
      .description('cancel your open request; its escrow comes back (the priority fee was burned)')
      .action(
        act(async (from: string, requestId: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => ({ msgs: [{ typeUrl: MsgCancelRequest.typeUrl, value: MsgCancelRequest.fromPartial({ consumer: inputs.sender, requestId: id(requestId, 'request id') }) }] })),
        ),
      );

    cmd(market.command('bid <from> <request-id> <node-id>'))
      .description('as a provider, offer a node of yours and prices: bid carol 7 <node-id> --price rcpu=9000')
      .requiredOption('--price <denom=uhyper>', 'price per unit (repeatable, one per requested denom)', collect)
      .action(
        act(async (from: string, requestId: string, nodeId: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => ({
            msgs: [{ typeUrl: MsgBid.typeUrl, value: MsgBid.fromPartial({ provider: inputs.sender, requestId: id(requestId, 'request id'), nodeId, prices: pricesArg(o.price, '--price') }) }],
          })),
        ),
      );

    cmd(market.command('cancel-bid <from> <request-id>'))
      .description('withdraw your bid')
      .action(
        act(async (from: string, requestId: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => ({ msgs: [{ typeUrl: MsgCancelBid.typeUrl, value: MsgCancelBid.fromPartial({ provider: inputs.sender, requestId: id(requestId, 'request id') }) }] })),
        ),
      );

    cmd(market.command('deposit-lease <from> <lease-id> <amount>'))
      .description('top up a lease’s escrow (it streams on at the same rate): deposit-lease bob 3 50000uhyper')
      .action(
        act(async (from: string, leaseId: string, amount: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            const coins = oneCoin(inputs.coins(amount), '50000uhyper');
            return { msgs: [{ typeUrl: MsgDepositLease.typeUrl, value: MsgDepositLease.fromPartial({ consumer: inputs.sender, leaseId: id(leaseId, 'lease id'), amount: coinsToProto(coins)[0] }) }], spends: coins };
          }),
        ),
      );

    cmd(market.command('close-lease <from> <lease-id>'))
      .description('end a lease (its consumer or provider): streamed through this block, the rest refunded')
      .action(
        act(async (from: string, leaseId: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => ({ msgs: [{ typeUrl: MsgCloseLease.typeUrl, value: MsgCloseLease.fromPartial({ sender: inputs.sender, leaseId: id(leaseId, 'lease id') }) }] })),
        ),
      );

    cmd(market.command('report-breach <from> <lease-id>'))
      .description('prove an SLA breach of your lease: --missed-heartbeats, or --heartbeat FILE (a node-signed Heartbeat in JSON above its audited capacity)')
      .option('--missed-heartbeats', 'the node missed max_missed_windows windows in a row (checked against x/resource)', false)
      .option('--heartbeat <file>', 'the signed heartbeat evidence (hypermesh.resource.v1.Heartbeat JSON)')
      .action(
        act(async (from: string, leaseId: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            if (!!o.missedHeartbeats === !!o.heartbeat) throw new CliError('give exactly one of --missed-heartbeats and --heartbeat FILE');
            let heartbeat: Heartbeat | undefined;
            if (o.heartbeat) {
              try {
                heartbeat = fromSdkJsonOf(Heartbeat, JSON.parse(fs.readFileSync(o.heartbeat, 'utf8')));
              } catch (e) {
                throw new CliError(`${o.heartbeat} is not a heartbeat in JSON: ${(e as Error).message}`);
              }
            }
            const kind = heartbeat ? BreachKind.BREACH_KIND_OVERCLAIMED_HEARTBEAT : BreachKind.BREACH_KIND_MISSED_HEARTBEATS;
            return { msgs: [{ typeUrl: MsgReportBreach.typeUrl, value: MsgReportBreach.fromPartial({ consumer: inputs.sender, leaseId: id(leaseId, 'lease id'), kind, heartbeat }) }] };
          }),
        ),
      );
  },
};
