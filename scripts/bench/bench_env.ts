/** The bench's surroundings: free ports, a description of the machine, the README table. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { cometbftBinary, packageRoot } from '../../src/cli/node/cometbft_binary';
import type { Ports } from '../../src/cli/node/init_home';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export async function freePortsFor(): Promise<Ports> {
  return { rpc: await freePort(), p2p: await freePort(), grpc: await freePort(), api: await freePort() };
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    cometbft: execFileSync(cometbftBinary(), ['version'], { encoding: 'utf8' }).trim(),
    load_average_1m: +os.loadavg()[0].toFixed(2),
  };
}

const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

/** Rewrites README.md's Performance table between the bench markers. */
export function updateReadme(r: any): void {
  const file = path.join(packageRoot(), 'README.md');
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(BEGIN) || !text.includes(END)) return;
  const row = (name: string, m: any) =>
    `| ${name} | ${m.tps} | ${m.offered_rate} | ${m.block_interval_ms_p50} | ${m.latency_ms_p50} | ${m.latency_ms_p99} | ${m.rss_mb} | ${m.mempool_rejections} |`;
  const table = [
    BEGIN,
    `Measured ${r.date.slice(0, 10)} (${r.mode} mode, ${r.accounts} accounts, ${r.tx_bytes}-byte txs) on ${r.machine.cores} × ${r.machine.cpu}, ${r.machine.memory_gb} GiB, ${r.machine.node}, CometBFT ${r.machine.cometbft}, load average ${r.machine.load_average_1m} at the end.`,
    '',
    '| target | committed tx/s | offered tx/s | block interval p50 (ms) | latency p50 (ms) | latency p99 (ms) | peak RSS (MB) | mempool rejections |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    row('HyperMesh bank send', r.bank_send),
    row('CometBFT kvstore (baseline)', r.kvstore),
    '',
    `**ratio (bank send / kvstore): ${r.ratio}**`,
    ...(r.bank_send.rest_balance_latency
      ? ['', `REST balance queries during the bank-send steady window: p50 ${r.bank_send.rest_balance_latency.p50_ms} ms, p99 ${r.bank_send.rest_balance_latency.p99_ms} ms (${r.bank_send.rest_balance_latency.count} queries, ${r.bank_send.rest_balance_latency.errors} errors).`]
      : []),
    ...(r.market
      ? ['', `Market (order book, one validator): ${r.market.orders_per_s} orders/s committed, ${r.market.matched_per_s} trades/s matched, latency p99 ${r.market.latency_ms_p99 ?? '?'} ms.`]
      : []),
    END,
  ].join('\n');
  fs.writeFileSync(file, text.replace(new RegExp(`${BEGIN}[\\s\\S]*${END}`), table));
}
