/**
 * Issue 11 end to end: x/market on a real devnet (`hypermesh init` + `start`, CometBFT), driven by
 * cosmjs with src/sdk/market and by the CLI (`hypermesh tx|query market`).
 *
 *  - Two makers and a taker trade rcpu for uhyper (rcpu minted by a provider through x/resource):
 *    fills, a partial fill, a cancel and the fees equal an independent model of the book
 *    (x/market/book_model.ts); balances conserve exactly: balances + market escrow + burned +
 *    community pool + tx fees after = balances before, for uhyper and rcpu.
 *  - A workload auction with three bidding providers picks the documented winner (lowest total);
 *    the lease streams floor(total × b / D) − floor(total × (b − 1) / D) per block: the provider's
 *    balance rises, and the consumer's escrow falls, by exactly that at every height.
 *  - A provider stops heartbeats: the SLA breach slashes its bond, the consumer receives the
 *    penalty, its reputation records the breach and drops.
 *  - Bad input — self-trade, a crossing post-only order, a zero or overflowing price, a bid from a
 *    node without the required audited attribute — is refused with its code and changes nothing.
 * Run `npm run build` first.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DirectSecp256k1HdWallet, Registry, type EncodeObject } from '@cosmjs/proto-signing';
import { AminoTypes, createDefaultAminoConverters, defaultRegistryTypes, QueryClient, SigningStargateClient, StargateClient, type StdFee } from '@cosmjs/stargate';
import { Comet38Client } from '@cosmjs/tendermint-rpc';
import { QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { EventFeesCollected, EventOrderMatched, EventSlaBreach } from '../../src/gen/hypermesh/market/v1/events';
import { LeaseState, OrderType, RequestStatus, Side, TimeInForce } from '../../src/gen/hypermesh/market/v1/market';
import { QueryLeaseRequest, QueryLeaseResponse } from '../../src/gen/hypermesh/market/v1/query';
import { QueryProviderRequest, QueryProviderResponse } from '../../src/gen/hypermesh/resource/v1/query';
import { parseTypedEventOf } from '../../src/codec/typed_event';
import { accountAddresses } from '../../src/crypto/address';
import { moduleAddress } from '../../src/crypto/module_address';
import { createMarketAminoConverters, marketTypes, placeOrderMsg, setupMarketExtension } from '../../src/sdk/market';
import { createResourceAminoConverters, heartbeatMsg, MSG_MINT, MSG_REGISTER_NODE, MSG_REGISTER_PROVIDER, MSG_SIGN_ATTRIBUTES, nodeKeyFromSeed, resourceTypes, setupResourceExtension, signHeartbeat, signNodeRegistration, type NodeKey } from '../../src/sdk/resource';
import { Dec } from '../../src/types/dec';
import { BookModel, type ModelOrderSpec } from '../../x/market/book_model';
import { dueAfter } from '../../x/market/leases';
import { CLI, createDevnet, waitFor, waitForHeight, type Devnet } from './helpers/devnet';

jest.setTimeout(900_000);
const run = promisify(execFile);

const FEE: StdFee = { amount: [{ denom: 'uhyper', amount: '6000' }], gas: '600000' };
const TX_FEE = 6000n;
const INTERVAL_S = 3;
const MARKET = accountAddresses.encode(moduleAddress('market'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Event = { type: string; attributes: readonly { key: string; value: string }[] };

describe('x/market on a devnet', () => {
  let net: Devnet;
  let comet: Comet38Client;
  let client: StargateClient;
  let q: ReturnType<typeof setupMarketExtension>['market'];
  let rq: ReturnType<typeof setupResourceExtension>['resource'];
  const registry = new Registry([...defaultRegistryTypes, ...resourceTypes, ...marketTypes]);
  const aminoTypes = new AminoTypes({ ...createDefaultAminoConverters(), ...createResourceAminoConverters(), ...createMarketAminoConverters() });
  const signers = new Map<string, { client: SigningStargateClient; address: string }>();
  const txCount = new Map<string, bigint>();
  const addr = (name: string) => net.devAccounts.find((a) => a.name === name)!.address;
  const [P, M1, M2, T, A, Q, R, U, C] = ['dev0', 'dev1', 'dev2', 'dev3', 'dev4', 'dev5', 'dev6', 'dev7', 'dev8'];
  const nodes: Record<string, NodeKey> = Object.fromEntries([P, Q, R, U].map((n, i) => [n, nodeKeyFromSeed(new Uint8Array(32).fill(40 + i))]));

  const signer = async (name: string) => {
    const existing = signers.get(name);
    if (existing) return existing;
    const account = net.devAccounts.find((a) => a.name === name)!;
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(account.mnemonic, { prefix: 'hyper' });
    const c = await SigningStargateClient.connectWithSigner(net.rpc, wallet, { registry, aminoTypes, broadcastPollIntervalMs: 200, broadcastTimeoutMs: 60_000 });
    const s = { client: c, address: account.address };
    signers.set(name, s);
    return s;
  };
  /** Signs and delivers; throws unless code 0. Counts the tx fee of the account. */
  const deliver = async (name: string, msgs: EncodeObject[]) => {
    const s = await signer(name);
    const r = await s.client.signAndBroadcast(s.address, msgs, FEE);
    txCount.set(name, (txCount.get(name) ?? 0n) + 1n);
    if (r.code !== 0) throw new Error(`${name}: tx failed: ${r.code} ${r.rawLog}`);
    return r;
  };
  /** The CheckTx result of signed msgs (code 0 or the refusal); refused txs never reach a block. */
  const checkTx = async (name: string, msgs: EncodeObject[]) => {
    const s = await signer(name);
    const raw = await s.client.sign(s.address, msgs, FEE, '');
    const res = await comet.broadcastTxSync({ tx: TxRaw.encode(raw).finish() });
    return { code: res.code, codespace: res.codespace ?? '', log: res.log ?? '' };
  };
  const hm = async (args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [CLI, ...args, '--home', net.home], { env: { ...process.env, HYPERMESH_HOME: '' }, maxBuffer: 16 << 20 });
      return { code: 0, stdout, stderr };
    } catch (e) {
      const err = e as { code?: number; stdout?: string; stderr?: string };
      return { code: typeof err.code === 'number' ? err.code : 1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
    }
  };
  const latestHeight = async () => Number((await comet.status()).syncInfo.latestBlockHeight);
  const balance = async (address: string, denom: string, height?: number) => {
    const r = await comet.abciQuery({ path: '/cosmos.bank.v1beta1.Query/Balance', data: QueryBalanceRequest.encode({ address, denom }).finish(), height });
    return BigInt(QueryBalanceResponse.decode(r.value).balance?.amount ?? '0');
  };
  const blockEvents = async (height: number): Promise<Event[]> => [...(await comet.blockResults(height)).finalizeBlockEvents] as Event[];
  const typed = <C extends { fromPartial(o: any): any }>(events: Event[], codec: C, type: string): ReturnType<C['fromPartial']>[] =>
    events.filter((e) => e.type === type).map((e) => parseTypedEventOf(codec as any, { type: e.type, attributes: e.attributes.map((a) => ({ key: a.key, value: a.value, index: true })) }));

  // heartbeat relay: node-signed heartbeats of the nodes in `relayed`, every ~700 ms, submitted by the auditor
  const relayed = new Set<string>();
  let relaying = false;
  let relay: Promise<void> | undefined;
  const seqs = new Map<string, bigint>();
  const startRelay = () => {
    relaying = true;
    relay = (async () => {
      while (relaying) {
        const height = BigInt(await latestHeight());
        const hbs = [...relayed].map((n) => {
          const seq = (seqs.get(n) ?? 0n) + 1n;
          seqs.set(n, seq);
          return signHeartbeat(nodes[n], net.chainId, { sequence: seq, height, used: { cpuMillicores: 1000n } });
        });
        if (hbs.length > 0) await deliver(A, [heartbeatMsg(addr(A), hbs)]).catch(() => undefined);
        await sleep(700);
      }
    })();
  };

  beforeAll(async () => {
    net = await createDevnet({ extraInit: ['--dev-accounts', '9'] });
    const file = path.join(net.home, 'config', 'genesis.json');
    const genesis = JSON.parse(fs.readFileSync(file, 'utf8'));
    Object.assign(genesis.app_state.resource.params, {
      auditors: [addr(A)],
      heartbeat_interval_seconds: String(INTERVAL_S),
      min_bond: '1000000',
      mint_horizon_seconds: '36000',
      max_missed_windows: '3',
      reputation_decay: '0.300000000000000000',
    });
    Object.assign(genesis.app_state.market.params, { block_seconds: '1', min_bidding_blocks: '1', min_lease_blocks: '2' });
    fs.writeFileSync(file, JSON.stringify(genesis, null, 2));
    await net.start();
    await waitForHeight(net.rpc, 2);
    comet = await Comet38Client.connect(net.rpc);
    client = await StargateClient.connect(net.rpc);
    q = QueryClient.withExtensions(comet, setupMarketExtension).market;
    rq = QueryClient.withExtensions(comet, setupResourceExtension).resource;
    expect((await hm(['keys', 'import-dev', '--keyring-backend', 'test'])).code).toBe(0);
    // providers with one node each (audited tier=audited, except U's); P mints rcpu for the makers
    await Promise.all(
      [P, Q, R, U].map((n) =>
        deliver(n, [
          { typeUrl: MSG_REGISTER_PROVIDER, value: { provider: addr(n), moniker: n, contact: '', validator: '', bond: { denom: 'uhyper', amount: '100000000' }, prices: [] } },
          { typeUrl: MSG_REGISTER_NODE, value: { provider: addr(n), nodeId: nodes[n].nodeId, clusterId: 'c', region: 'eu', capacity: { cpuMillicores: 400_000n }, attributes: [], nodeSignature: signNodeRegistration(nodes[n], net.chainId, addr(n)) } },
        ]),
      ),
    );
    await deliver(A, [P, Q, R].map((n) => ({ typeUrl: MSG_SIGN_ATTRIBUTES, value: { auditor: addr(A), nodeId: nodes[n].nodeId, attributes: [{ key: 'tier', value: 'audited' }], capacity: { cpuMillicores: 400_000n } } })));
    await deliver(P, [{ typeUrl: MSG_MINT, value: { provider: addr(P), amount: { denom: 'rcpu', amount: '100' } } }]);
    const p = await signer(P);
    await p.client.sendTokens(addr(P), addr(M1), [{ denom: 'rcpu', amount: '30' }], FEE);
    await p.client.sendTokens(addr(P), addr(M2), [{ denom: 'rcpu', amount: '30' }], FEE);
    for (const n of [P, Q, R, U]) relayed.add(n);
    startRelay();
  });
  afterAll(async () => {
    relaying = false;
    await relay?.catch(() => undefined);
    for (const s of signers.values()) s.client.disconnect();
    client?.disconnect();
    comet?.disconnect();
    await net?.cleanup();
  });

  test('two makers and a taker: fills, a partial fill, a cancel and fees match the model; balances conserve exactly', async () => {
    const who = [M1, M2, T];
    const params = await q.params();
    const model = new BookModel(3, 0n, 0n, BigInt(params.makerFeeBps), BigInt(params.takerFeeBps), BigInt(params.feeBurnBps));
    const before = await Promise.all(who.map(async (n) => [await balance(addr(n), 'uhyper'), await balance(addr(n), 'rcpu')] as const));
    before.forEach(([u, r], i) => {
      model.uhyper[i] = u;
      model.tokens[i] = r;
    });
    const fees0 = new Map(who.map((n) => [n, txCount.get(n) ?? 0n]));
    const tradeHeights: number[] = [];
    const place = async (i: number, s: ModelOrderSpec) => {
      const id = model.place(i, s);
      const r = await deliver(who[i], [placeOrderMsg({ owner: addr(who[i]), denom: 'rcpu', side: s.side, price: s.price?.toString(), quantity: s.qty, timeInForce: s.tif })]);
      const trades = model.endBlock();
      if (trades.length > 0) tradeHeights.push(r.height);
      return { id, height: r.height, trades };
    };
    const a = await place(0, { side: 'sell', price: 10_000n, qty: 10n });
    const b = await place(1, { side: 'sell', price: 10_100n, qty: 10n });
    expect((await q.orderBook('rcpu')).asks.map((l) => [Dec.fromProto(l.price).toString(), l.quantity])).toEqual([['10000.000000000000000000', '10'], ['10100.000000000000000000', '10']]);
    const t = await place(2, { side: 'buy', price: 10_100n, qty: 15n });
    expect(t.trades.map((x) => [x.price, x.qty, x.seller])).toEqual([[10_000n, 10n, 0], [10_100n, 5n, 1]]);
    // M2's order is partly filled (5 of 10) and rests; M1's is gone
    expect(await q.order(b.id)).toMatchObject({ filled: '5', quantity: '10' });
    await expect(q.order(a.id)).rejects.toThrow(/not found/);
    // the chain's trades are the model's, fees included
    const { trades } = await q.trades('rcpu', { fromHeight: BigInt(t.height), toHeight: BigInt(t.height) });
    expect(trades.map((x) => ({ price: Dec.fromProto(x.price).truncateInt(), qty: BigInt(x.quantity), buyerFee: BigInt(x.buyerFee), sellerFee: BigInt(x.sellerFee) }))).toEqual(
      t.trades.map((x) => ({ price: x.price, qty: x.qty, buyerFee: x.buyerFee, sellerFee: x.sellerFee })),
    );
    // M2 cancels the rest; its 5 rcpu come back
    model.cancel(b.id);
    await deliver(M2, [{ typeUrl: '/hypermesh.market.v1.MsgCancelOrder', value: { owner: addr(M2), orderId: b.id } }]);
    expect((await q.orderBook('rcpu')).asks).toEqual([]);

    // balances (plus the tx fees each paid) are the model's
    const after = await Promise.all(who.map(async (n) => [await balance(addr(n), 'uhyper'), await balance(addr(n), 'rcpu')] as const));
    const txFees = who.map((n) => ((txCount.get(n) ?? 0n) - fees0.get(n)!) * TX_FEE);
    who.forEach((_n, i) => expect({ i, uhyper: after[i][0] + txFees[i], rcpu: after[i][1] }).toEqual({ i, uhyper: model.uhyper[i], rcpu: model.tokens[i] }));
    // the fee split the EndBlocks reported is the model's
    let burned = 0n;
    let pool = 0n;
    for (const h of tradeHeights) {
      for (const f of typed(await blockEvents(h), EventFeesCollected, 'hypermesh.market.v1.EventFeesCollected')) {
        burned += BigInt(f.burned);
        pool += BigInt(f.communityPool);
      }
      expect(typed(await blockEvents(h), EventOrderMatched, 'hypermesh.market.v1.EventOrderMatched').length).toBeGreaterThan(0);
    }
    expect([burned, pool]).toEqual([model.burned, model.pool]);
    // conservation: before = after + market escrow + burned + community pool + tx fees
    const escrowU = await balance(MARKET, 'uhyper');
    const escrowR = await balance(MARKET, 'rcpu');
    const sum = (xs: (readonly [bigint, bigint])[], k: 0 | 1) => xs.reduce((n, x) => n + x[k], 0n);
    expect(sum(before, 0)).toBe(sum(after, 0) + escrowU + burned + pool + txFees.reduce((n, x) => n + x, 0n));
    expect(sum(before, 1)).toBe(sum(after, 1) + escrowR);
    expect([escrowU, escrowR]).toEqual([0n, 0n]);
    // the CLI shows the same trades and the last price
    const cli = await hm(['query', 'market', 'trades', 'rcpu', '--from-height', String(t.height), '-o', 'json']);
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout).trades.map((x: any) => x.quantity)).toEqual(['10', '5']);
    const price = await q.price('rcpu');
    expect(price).toMatchObject({ lastPrice: Dec.fromInt(10_100).toProto(), fromTrades: true });
  });

  test('an auction with three bidding providers picks the lowest total; the lease streams its share to the provider every block', async () => {
    await waitFor(async () => (await rq.window()).number >= 3n, 30_000, () => 'windows did not advance');
    const c = await signer(C);
    const r = await c.client.signAndBroadcast(c.address, [
      {
        typeUrl: '/hypermesh.market.v1.MsgCreateRequest',
        value: {
          consumer: addr(C),
          resources: [{ denom: 'rcpu', amount: '2' }],
          maxPrices: [{ denom: 'rcpu', price: Dec.fromInt(10_000).toProto() }],
          durationBlocks: 40n,
          biddingBlocks: 12n,
          region: '',
          attributes: [{ key: 'tier', value: 'audited' }],
          minReputation: '',
          sla: { uptimeBps: 0, heartbeatIntervalSeconds: 0n, maxMissedWindows: 0, penalty: '', penaltyBondFraction: '' },
          priorityFee: '',
        },
      },
    ], FEE);
    expect(r.code).toBe(0);
    const { requests } = await q.requests({ consumer: addr(C) });
    const request = requests[requests.length - 1];
    expect(request).toMatchObject({ status: RequestStatus.REQUEST_STATUS_OPEN, escrow: '20000' });
    const bid = (n: string, price: number) => ({ typeUrl: '/hypermesh.market.v1.MsgBid', value: { provider: addr(n), requestId: request.id, nodeId: nodes[n].nodeId, prices: [{ denom: 'rcpu', price: Dec.fromInt(price).toProto() }] } });
    // U's node has no audit: its bid is refused
    expect(await checkTx(U, [bid(U, 5000)])).toMatchObject({ codespace: 'market', code: 17 });
    await Promise.all([deliver(P, [bid(P, 9000)]), deliver(Q, [bid(Q, 8000)]), deliver(R, [bid(R, 8500)])]);
    const open = await q.request(request.id);
    expect(open.bids.map((b) => b.provider)).toEqual([addr(Q), addr(R), addr(P)]);
    const consumer0 = await balance(addr(C), 'uhyper');
    await waitFor(async () => (await q.request(request.id)).request!.status !== RequestStatus.REQUEST_STATUS_OPEN, 60_000, () => 'the auction did not close');
    const closed = (await q.request(request.id)).request!;
    expect(closed).toMatchObject({ status: RequestStatus.REQUEST_STATUS_MATCHED, winner: addr(Q) });
    expect((await balance(addr(C), 'uhyper')) - consumer0).toBe(20_000n - 16_000n);
    const lease = await q.lease(closed.leaseId);
    expect(lease).toMatchObject({ provider: addr(Q), nodeId: nodes[Q].nodeId, total: '16000', durationBlocks: 40n });
    // per block: Q's balance rises by the block's share, the consumer's escrow falls by it
    const h0 = Number(lease.startHeight);
    await waitForHeight(net.rpc, h0 + 8);
    for (let h = h0 + 1; h <= h0 + 8; h++) {
      const share = dueAfter(16_000n, 40n, BigInt(h - h0)) - dueAfter(16_000n, 40n, BigInt(h - h0 - 1));
      expect((await balance(addr(Q), 'uhyper', h)) - (await balance(addr(Q), 'uhyper', h - 1))).toBe(share);
      const l = (x: number) => comet.abciQuery({ path: '/hypermesh.market.v1.Query/Lease', data: QueryLeaseRequest.encode({ id: closed.leaseId }).finish(), height: x });
      const at = (x: { value: Uint8Array }) => QueryLeaseResponse.decode(x.value).lease!;
      const [prev, cur] = [at(await l(h - 1)), at(await l(h))];
      expect(BigInt(prev.deposited) - BigInt(prev.paid) - (BigInt(cur.deposited) - BigInt(cur.paid))).toBe(share);
    }
    // the consumer ends it with the CLI: the rest comes back
    const out = await hm(['tx', 'market', 'close-lease', C, String(closed.leaseId), '--keyring-backend', 'test', '--yes', '-o', 'json', '--gas', '600000']);
    expect(out.code).toBe(0);
    const ended = await q.lease(closed.leaseId);
    expect(ended.state).toBe(LeaseState.LEASE_STATE_CLOSED);
    expect(BigInt(ended.paid) + BigInt(ended.refunded)).toBe(16_000n);
  });

  test('a provider stops heartbeats: the SLA breach slashes its bond and pays the consumer; its reputation drops', async () => {
    const penalty = 2_000_000n;
    const c = await signer(C);
    const r = await c.client.signAndBroadcast(c.address, [
      {
        typeUrl: '/hypermesh.market.v1.MsgCreateRequest',
        value: {
          consumer: addr(C),
          resources: [{ denom: 'rcpu', amount: '1' }],
          maxPrices: [{ denom: 'rcpu', price: Dec.fromInt(10_000).toProto() }],
          durationBlocks: 400n,
          biddingBlocks: 3n,
          region: '',
          attributes: [],
          minReputation: '',
          sla: { uptimeBps: 0, heartbeatIntervalSeconds: 0n, maxMissedWindows: 1, penalty: penalty.toString(), penaltyBondFraction: '' },
          priorityFee: '',
        },
      },
    ], FEE);
    expect(r.code).toBe(0);
    const { requests } = await q.requests({ consumer: addr(C), status: RequestStatus.REQUEST_STATUS_OPEN });
    const request = requests[0];
    await deliver(R, [{ typeUrl: '/hypermesh.market.v1.MsgBid', value: { provider: addr(R), requestId: request.id, nodeId: nodes[R].nodeId, prices: [{ denom: 'rcpu', price: Dec.fromInt(7000).toProto() }] } }]);
    await waitFor(async () => (await q.request(request.id)).request!.status === RequestStatus.REQUEST_STATUS_MATCHED, 60_000, () => 'no lease');
    const leaseId = (await q.request(request.id)).request!.leaseId;
    const bond0 = BigInt((await rq.provider(addr(R))).provider!.bond);
    const rep0 = await rq.reputation(addr(R));
    // R's node goes silent
    relayed.delete(R);
    await waitFor(async () => (await q.lease(leaseId)).breaches >= 1, 90_000, () => 'no breach');
    // the block of the breach: the consumer got exactly the penalty there (it sent no tx meanwhile)
    let h = await latestHeight();
    let breach: EventSlaBreach | undefined;
    for (; h > 0 && !breach; h--) breach = typed(await blockEvents(h), EventSlaBreach, 'hypermesh.market.v1.EventSlaBreach').find((e) => e.leaseId === leaseId);
    h++;
    expect(breach).toMatchObject({ provider: addr(R), consumer: addr(C), cause: 'missed_heartbeats', penalty: penalty.toString(), reportedBy: '' });
    expect((await balance(addr(C), 'uhyper', h)) - (await balance(addr(C), 'uhyper', h - 1))).toBe(penalty);
    const bondAt = async (x: number) => {
      const res = await comet.abciQuery({ path: '/hypermesh.resource.v1.Query/Provider', data: QueryProviderRequest.encode({ address: addr(R) }).finish(), height: x });
      return BigInt(QueryProviderResponse.decode(res.value).provider!.bond);
    };
    expect((await bondAt(h - 1)) - (await bondAt(h))).toBe(penalty);
    expect(await bondAt(h - 1)).toBe(bond0);
    const rep1 = await rq.reputation(addr(R));
    expect(Dec.fromProto(rep1.slaBreached).isPositive()).toBe(true);
    expect(Dec.fromProto(rep0.slaBreached).isZero()).toBe(true);
    expect(Dec.fromProto(rep1.score).lt(Dec.fromProto(rep0.score))).toBe(true);
  });

  describe('bad input is refused with its code and changes nothing', () => {
    const snapshot = async () =>
      JSON.stringify({ book: await q.orderBook('rcpu'), orders: await q.orders(addr(M1)), m1: await balance(addr(M1), 'rcpu'), t: await balance(addr(T), 'rcpu'), escrow: await balance(MARKET, 'rcpu'), request: await q.request(openRequest) }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    const raw = (owner: string, f: object): EncodeObject => ({
      typeUrl: '/hypermesh.market.v1.MsgPlaceOrder',
      value: { owner, denom: 'rcpu', side: Side.SIDE_BUY, orderType: OrderType.ORDER_TYPE_LIMIT, timeInForce: TimeInForce.TIME_IN_FORCE_GTC, price: Dec.fromInt(10).toProto(), quantity: '1', maxQuote: '', postOnly: false, priorityFee: '', ...f },
    });
    let openRequest = 0n;
    beforeAll(async () => {
      // a resting ask of M1 at 12,000, and an open request that asks for audited nodes
      await deliver(M1, [placeOrderMsg({ owner: addr(M1), denom: 'rcpu', side: 'sell', price: '12000', quantity: 3n })]);
      await deliver(T, [
        {
          typeUrl: '/hypermesh.market.v1.MsgCreateRequest',
          value: { consumer: addr(T), resources: [{ denom: 'rcpu', amount: '1' }], maxPrices: [{ denom: 'rcpu', price: Dec.fromInt(100).toProto() }], durationBlocks: 10n, biddingBlocks: 5000n, region: '', attributes: [{ key: 'tier', value: 'audited' }], minReputation: '', sla: {}, priorityFee: '' },
        },
      ]);
      openRequest = (await q.requests({ consumer: addr(T), status: RequestStatus.REQUEST_STATUS_OPEN })).requests[0].id;
    });
    const cases: [string, () => [string, EncodeObject], string, number][] = [
      ['self-trade (a bid at the owner’s own ask)', () => [M1, placeOrderMsg({ owner: addr(M1), denom: 'rcpu', side: 'buy', price: '12000', quantity: 1n })], 'market', 6],
      ['a post-only bid crossing the best ask', () => [T, placeOrderMsg({ owner: addr(T), denom: 'rcpu', side: 'buy', price: '12500', quantity: 1n, postOnly: true })], 'market', 7],
      ['a zero price', () => [T, raw(addr(T), { price: '0' })], 'market', 3],
      ['an overflowing price', () => [T, raw(addr(T), { price: (1n << 130n).toString() })], 'market', 3],
      ['a bid from a node without the required audited attribute', () => [U, { typeUrl: '/hypermesh.market.v1.MsgBid', value: { provider: addr(U), requestId: openRequest, nodeId: nodes[U].nodeId, prices: [{ denom: 'rcpu', price: Dec.fromInt(1).toProto() }] } }], 'market', 17],
    ];
    test.each(cases)('%s', async (_n, build, codespace, code) => {
      const [name, m] = build();
      const before = await snapshot();
      const r = await checkTx(name, [m]);
      expect({ codespace: r.codespace, code: r.code }).toEqual({ codespace, code });
      await waitForHeight(net.rpc, (await latestHeight()) + 1);
      expect(await snapshot()).toBe(before);
    });

    test('the CLI says why, in one line', async () => {
      const r = await hm(['tx', 'market', 'place-order', M1, 'buy', '1rcpu', '12000', '--keyring-backend', 'test', '--yes', '-o', 'json', '--gas', '600000']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/market/);
      expect(r.stderr).toMatch(/own order/);
    });
  });
});
