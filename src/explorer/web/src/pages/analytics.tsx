/** Analytics: tx/s, block time, fees and burns, supply, bonded ratio over a selectable range. */
import { useMemo } from 'preact/hooks';
import type { Series } from '../../../types';
import { Chart } from '../chart';
import { fmtAmount, fmtInt, fmtNum } from '../format';
import { navigate } from '../router';
import { Card, Show, useJson } from '../ui';

const RANGES: Array<[string, string]> = [
  ['blocks=1000', 'Last 1k blocks'],
  ['blocks=10000', 'Last 10k blocks'],
  ['range=1h', '1 hour'],
  ['range=24h', '24 hours'],
  ['range=7d', '7 days'],
  ['range=30d', '30 days'],
  ['range=all', 'All'],
];

const HYPER = (u: string) => Number(u) / 1e6;

export function AnalyticsPage({ range }: { range?: string }) {
  const sel = RANGES.find(([q]) => q === range)?.[0] ?? 'blocks=1000';
  const f = useJson<Series>(`/explorer/api/analytics?${sel}&points=120`);
  return (
    <>
      <div class="ranges" role="tablist">
        {RANGES.map(([q, label]) => (
          <button key={q} class={q === sel ? 'active' : ''} onClick={() => navigate(`/analytics?range=${encodeURIComponent(q)}`)}>
            {label}
          </button>
        ))}
        <button onClick={f.reload}>↻</button>
      </div>
      <Show f={f}>{(s) => <Charts s={s} />}</Show>
    </>
  );
}

function Charts({ s }: { s: Series }) {
  const d = useMemo(() => {
    const pts = s.points.filter((p) => p.blocks > 0);
    const xs = pts.map((p) => p.lastTimeMs / 1000);
    const sampled = pts.filter((p) => p.sample?.supply);
    return {
      pts,
      xs,
      tps: [{ label: 'tx/s', values: pts.map((p) => p.tps), color: '#2f6fdf', fill: true }],
      blockTime: [{ label: 'block time (s)', values: pts.map((p) => (p.intervals ? p.blockTimeMs / 1000 : null)), color: '#0d9488' }],
      fees: [
        { label: 'fees (HYPER)', values: pts.map((p) => HYPER(p.fees)), color: '#d97706', bars: true },
        { label: 'burned (HYPER)', values: pts.map((p) => HYPER(p.burned)), color: '#dc2626', bars: true },
      ],
      supplyXs: sampled.map((p) => p.lastTimeMs / 1000),
      supply: [{ label: 'supply (HYPER)', values: sampled.map((p) => HYPER(p.sample!.supply!)), color: '#7c3aed' }],
      bonded: sampled.some((p) => p.bondedRatio !== undefined) ? [{ label: 'bonded ratio (%)', values: sampled.map((p) => (p.bondedRatio === undefined ? null : p.bondedRatio * 100)), color: '#059669' }] : undefined,
    };
  }, [s]);
  const totals = s.points.reduce((a, p) => ({ txs: a.txs + p.txs, blocks: a.blocks + p.blocks, fees: a.fees + BigInt(p.fees), burned: a.burned + BigInt(p.burned), ms: a.ms + p.intervalMs }), { txs: 0, blocks: 0, fees: 0n, burned: 0n, ms: 0 });
  return (
    <>
      <div class="stats">
        <div class="stat">
          <div class="label">Heights</div>
          <div class="value">
            {fmtInt(s.from)} – {fmtInt(s.to)}
          </div>
        </div>
        <div class="stat">
          <div class="label">Blocks / txs</div>
          <div class="value" data-testid="analytics-txs">
            {fmtInt(totals.blocks)} / {fmtInt(totals.txs)}
          </div>
        </div>
        <div class="stat">
          <div class="label">Mean tx/s</div>
          <div class="value">{totals.ms > 0 ? fmtNum(totals.txs / (totals.ms / 1000), 3) : '—'}</div>
        </div>
        <div class="stat">
          <div class="label">Fees / burned</div>
          <div class="value">
            {fmtAmount(totals.fees.toString())} / {fmtAmount(totals.burned.toString())}
          </div>
        </div>
        <div class="stat">
          <div class="label">Points × heights each</div>
          <div class="value">
            {s.points.length} × {fmtInt(s.step)} ({s.reads} reads)
          </div>
        </div>
      </div>
      <div class="grid2">
        <Card title="Transactions per second">
          <Chart xs={d.xs} series={d.tps} testId="chart-tps" />
        </Card>
        <Card title="Block time">
          <Chart xs={d.xs} series={d.blockTime} testId="chart-blocktime" />
        </Card>
        <Card title="Fees paid and burned">
          <Chart xs={d.xs} series={d.fees} testId="chart-fees" />
        </Card>
        <Card title="Supply">{d.supplyXs.length ? <Chart xs={d.supplyXs} series={d.supply} testId="chart-supply" /> : <div class="muted">No supply samples in this range.</div>}</Card>
        <Card title="Bonded ratio">
          {d.bonded ? <Chart xs={d.supplyXs} series={d.bonded} testId="chart-bonded" /> : <div class="notice" data-testid="not-enabled">Module <b>staking</b> not enabled on this chain.</div>}
        </Card>
      </div>
    </>
  );
}
