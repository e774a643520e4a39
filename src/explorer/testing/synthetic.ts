/**
 * Synthetic blocks for explorer tests: RequestFinalizeBlock / ResponseFinalizeBlock pairs with
 * bank-send-like txs and the events our chain emits (tx.fee, tx.fee_payer, message.sender,
 * transfer, burn), their CometBFT RPC JSON twins, and a fake CometBFT RPC server over them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MsgSend } from 'cosmjs-types/cosmos/bank/v1beta1/tx';
import { AuthInfo, TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { RequestFinalizeBlock, ResponseFinalizeBlock, type Event } from 'cosmjs-types/tendermint/abci/types';
import { accountAddresses } from '../../crypto/address';
import { rfc3339Nano } from '../block_input';
import { txHash } from '../indexer';

export interface SyntheticBlock {
  req: RequestFinalizeBlock;
  res: ResponseFinalizeBlock;
  appHash: Uint8Array;
}

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Five account addresses (valid bech32 with the `hyper` prefix). */
export const ADDRS = [1, 2, 3, 4, 5].map((i) => accountAddresses.encode(new Uint8Array(20).fill(i)));
export const VALS = ['AA'.repeat(20), 'BB'.repeat(20), 'CC'.repeat(20)];
const ev = (type: string, attrs: Record<string, string>): Event => ({
  type,
  attributes: Object.entries(attrs).map(([key, value]) => ({ key, value, index: true })),
});

export interface ChainOptions {
  start?: number;
  /** Mean txs per block (default 1.5). */
  txRate?: number;
  startTimeMs?: number;
}

export function syntheticChain(n: number, seed = 1, o: ChainOptions = {}): SyntheticBlock[] {
  const rnd = prng(seed);
  const int = (k: number) => Math.floor(rnd() * k);
  const out: SyntheticBlock[] = [];
  let t = o.startTimeMs ?? Date.UTC(2025, 0, 1);
  const start = o.start ?? 1;
  const rate = o.txRate ?? 1.5;
  for (let h = start; h < start + n; h++) {
    t += 500 + int(2000);
    const nTx = rnd() < 0.4 ? 0 : int(Math.ceil(rate * 2)) + (rnd() < 0.02 ? 20 : 0);
    const txs: Uint8Array[] = [];
    const txResults = [];
    for (let i = 0; i < nTx; i++) {
      const from = ADDRS[int(ADDRS.length)];
      const to = ADDRS[int(ADDRS.length)];
      const body = TxBody.fromPartial({
        messages: [{ typeUrl: '/cosmos.bank.v1beta1.MsgSend', value: MsgSend.encode(MsgSend.fromPartial({ fromAddress: from, toAddress: to, amount: [{ denom: 'uhyper', amount: String(1 + int(1000)) }] })).finish() }],
        memo: `h${h}i${i}`,
      });
      const fee = 1 + int(5000);
      const authInfo = AuthInfo.fromPartial({ fee: { amount: [{ denom: 'uhyper', amount: String(fee) }], gasLimit: 200_000n } });
      txs.push(TxRaw.encode(TxRaw.fromPartial({ bodyBytes: TxBody.encode(body).finish(), authInfoBytes: AuthInfo.encode(authInfo).finish(), signatures: [new Uint8Array(64)] })).finish());
      const ok = rnd() < 0.9;
      const events = [ev('tx', { fee: rnd() < 0.1 ? `${fee}uhyper,7rcpu` : `${fee}uhyper`, fee_payer: from })];
      if (ok) {
        events.push(ev('message', { action: '/cosmos.bank.v1beta1.MsgSend', sender: from, module: 'bank', msg_index: '0' }));
        events.push(ev('transfer', { recipient: to, sender: from, amount: '5uhyper', msg_index: '0' }));
        if (rnd() < 0.2) events.push(ev('burn', { burner: from, amount: `${1 + int(100)}uhyper` }));
      }
      const gasWanted = 200_000n;
      txResults.push({ code: ok ? 0 : 5, codespace: ok ? '' : 'sdk', log: ok ? '' : 'insufficient funds', gasWanted, gasUsed: BigInt(50_000 + int(100_000)), events });
    }
    const blockEvents = rnd() < 0.1 ? [ev('burn', { burner: 'hyper1gov', amount: `${int(50)}uhyper`, mode: 'EndBlock' })] : [];
    const votes = h === start ? [] : VALS.map((v, i) => ({ validator: { address: Buffer.from(v, 'hex'), power: 10n }, blockIdFlag: i === 2 && rnd() < 0.3 ? 1 : 2 }));
    const appHash = new Uint8Array(32).fill(h % 256);
    out.push({
      req: RequestFinalizeBlock.fromPartial({
        txs,
        height: BigInt(h),
        time: { seconds: BigInt(Math.floor(t / 1000)), nanos: (t % 1000) * 1_000_000 + 123 },
        hash: new Uint8Array(32).fill((h * 7) % 256).map((x, i) => (i < 4 ? (h >>> (8 * i)) & 255 : x)),
        proposerAddress: Buffer.from(VALS[h % VALS.length], 'hex'),
        decidedLastCommit: { round: 0, votes },
      }),
      res: ResponseFinalizeBlock.fromPartial({ txResults, events: blockEvents, appHash }),
      appHash,
    });
  }
  return out;
}

/** The `/block` and `/block_results` JSON CometBFT v0.38 serves for a synthetic block. */
export function rpcJson(b: SyntheticBlock): { block: unknown; results: unknown } {
  const hex = (x: Uint8Array) => Buffer.from(x).toString('hex').toUpperCase();
  const evs = (es: Event[]) => es.map((e) => ({ type: e.type, attributes: e.attributes.map((a) => ({ key: a.key, value: a.value, index: true })) }));
  const time = rfc3339Nano(b.req.time.seconds, b.req.time.nanos);
  return {
    block: {
      block_id: { hash: hex(b.req.hash) },
      block: {
        header: { height: String(b.req.height), time, proposer_address: hex(b.req.proposerAddress), app_hash: '' },
        data: { txs: b.req.txs.map((t) => Buffer.from(t).toString('base64')) },
        last_commit: {
          signatures: b.req.decidedLastCommit.votes.map((v) => ({
            block_id_flag: v.blockIdFlag,
            // CometBFT leaves absent signers anonymous; /validators names them
            validator_address: v.blockIdFlag === 1 ? '' : hex(v.validator.address),
          })),
        },
      },
    },
    results: {
      height: String(b.req.height),
      txs_results: b.res.txResults.length
        ? b.res.txResults.map((r) => ({ code: r.code, codespace: r.codespace, log: r.log, gas_wanted: String(r.gasWanted), gas_used: String(r.gasUsed), events: evs(r.events) }))
        : null,
      finalize_block_events: b.res.events.length ? evs(b.res.events) : null,
      app_hash: Buffer.from(b.appHash).toString('base64'),
    },
  };
}

/** A fake CometBFT RPC over synthetic blocks (status, block, block_results, validators, tx). */
export async function fakeRpc(blocks: SyntheticBlock[]): Promise<{ url: string; calls: string[]; close(): Promise<void>; setLatest(h: number): void }> {
  const byHeight = new Map(blocks.map((b) => [Number(b.req.height), b]));
  let latest = blocks.length ? Number(blocks[blocks.length - 1].req.height) : 0;
  const earliest = blocks.length ? Number(blocks[0].req.height) : 0;
  const calls: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    calls.push(url.pathname);
    const send = (result: unknown, error?: unknown) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(error ? { jsonrpc: '2.0', id: -1, error } : { jsonrpc: '2.0', id: -1, result }));
    };
    const h = Number(url.searchParams.get('height') ?? latest);
    const b = byHeight.get(h);
    switch (url.pathname) {
      case '/status':
        return send({ node_info: { network: 'synthetic-1' }, sync_info: { latest_block_height: String(latest), earliest_block_height: String(earliest) } });
      case '/block':
        return b && h <= latest ? send(rpcJson(b).block) : send(undefined, { code: -32603, message: 'Internal error', data: `height ${h} must be less than or equal to the current blockchain height ${latest}` });
      case '/block_results':
        return b && h <= latest ? send(rpcJson(b).results) : send(undefined, { code: -32603, message: 'Internal error', data: `could not find results for height #${h}` });
      case '/validators':
        return send({ block_height: String(h), validators: VALS.map((address) => ({ address, voting_power: '10', proposer_priority: '0', pub_key: { type: 'tendermint/PubKeyEd25519', value: '' } })), count: '3', total: '3' });
      case '/tx': {
        const want = (url.searchParams.get('hash') ?? '').replace(/^0x/i, '').toUpperCase();
        for (const blk of blocks) {
          const i = blk.req.txs.findIndex((t) => txHash(t) === want);
          if (i >= 0) {
            const r = (rpcJson(blk).results as any).txs_results[i];
            return send({ hash: want, height: String(blk.req.height), index: i, tx_result: r, tx: Buffer.from(blk.req.txs[i]).toString('base64') });
          }
        }
        return send(undefined, { code: -32603, message: 'Internal error', data: `tx (${want}) not found` });
      }
      default:
        res.statusCode = 404;
        res.end('404 page not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    setLatest: (h: number) => (latest = h),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
