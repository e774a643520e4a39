/**
 * Pages of modules that land later (gov, x/resource, x/market). Each asks the node's REST
 * gateway (or the explorer API for gov) and shows "module not enabled on this chain" when the
 * endpoint answers 404 or 501. Paths follow grpc-gateway conventions for our query services;
 * README.md lists them so the modules can match.
 */
import { useMemo, useState } from 'preact/hooks';
import { Chart } from '../chart';
import { fmtNum } from '../format';
import { Card, GenericTable, Show, useJson } from '../ui';

/** The first array in a REST answer ({providers: [...]} → [...]). */
function rowsOf(body: unknown): Array<Record<string, unknown>> {
  if (Array.isArray(body)) return body as Array<Record<string, unknown>>;
  if (body && typeof body === 'object') for (const v of Object.values(body)) if (Array.isArray(v)) return v as Array<Record<string, unknown>>;
  return [];
}

function RestTable({ title, path, module }: { title: string; path: string; module: string }) {
  const f = useJson<unknown>(path);
  return (
    <Card title={title}>
      <Show f={f} module={module}>
        {(d) => <GenericTable rows={rowsOf(d)} />}
      </Show>
    </Card>
  );
}

const PROPOSAL_STATUS = ['unspecified', 'deposit period', 'voting period', 'passed', 'rejected', 'failed'];

export function GovPage() {
  const f = useJson<{ proposals: Array<Record<string, any>> }>('/explorer/api/gov/proposals');
  return (
    <Card title="Governance proposals">
      <Show f={f} module="gov">
        {(d) =>
          d.proposals.length === 0 ? (
            <div class="muted">No proposals yet.</div>
          ) : (
            <table class="list">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Title</th>
                  <th>Status</th>
                  <th>Voting ends</th>
                  <th>Tally (yes / no / veto / abstain)</th>
                </tr>
              </thead>
              <tbody>
                {d.proposals.map((p) => (
                  <tr key={p.id}>
                    <td>{p.id}</td>
                    <td>{p.title || p.summary || (p.messages ?? []).map((m: any) => m['@type']).join(', ')}</td>
                    <td>{PROPOSAL_STATUS[p.status] ?? p.status}</td>
                    <td>{p.votingEndTime?.seconds ? new Date(Number(p.votingEndTime.seconds) * 1000).toISOString().slice(0, 16).replace('T', ' ') : '—'}</td>
                    <td>{p.finalTallyResult ? [p.finalTallyResult.yesCount, p.finalTallyResult.noCount, p.finalTallyResult.noWithVetoCount, p.finalTallyResult.abstainCount].join(' / ') : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Show>
    </Card>
  );
}

export function ProvidersPage() {
  return (
    <>
      <RestTable title="Resource providers" path="/hypermesh/resource/v1/providers" module="resource" />
      <RestTable title="Nodes" path="/hypermesh/resource/v1/nodes" module="resource" />
    </>
  );
}

const MARKETS = ['rcpu', 'rmem', 'rstor', 'rnet'];

interface Level {
  price: string;
  quantity?: string;
  amount?: string;
}

function DepthChart({ bids, asks }: { bids: Level[]; asks: Level[] }) {
  const d = useMemo(() => {
    const q = (l: Level) => Number(l.quantity ?? l.amount ?? 0);
    const b = [...bids].sort((x, y) => Number(y.price) - Number(x.price));
    const a = [...asks].sort((x, y) => Number(x.price) - Number(y.price));
    const pts = new Map<number, [number | null, number | null]>();
    let cum = 0;
    for (const l of b) pts.set(Number(l.price), [(cum += q(l)), null]);
    cum = 0;
    for (const l of a) pts.set(Number(l.price), [pts.get(Number(l.price))?.[0] ?? null, (cum += q(l))]);
    const xs = [...pts.keys()].sort((x, y) => x - y);
    return {
      xs,
      series: [
        { label: 'bids (cumulative)', values: xs.map((x) => pts.get(x)![0]), color: '#059669', fill: true },
        { label: 'asks (cumulative)', values: xs.map((x) => pts.get(x)![1]), color: '#dc2626', fill: true },
      ],
    };
  }, [bids, asks]);
  if (d.xs.length === 0) return <div class="muted">The order book is empty.</div>;
  return <Chart xs={d.xs} series={d.series} timeAxis={false} testId="chart-depth" />;
}

export function MarketsPage() {
  const [denom, setDenom] = useState(MARKETS[0]);
  const book = useJson<{ bids?: Level[]; asks?: Level[] }>(`/hypermesh/market/v1/order_book/${denom}`);
  return (
    <>
      <div class="ranges">
        {MARKETS.map((m) => (
          <button key={m} class={m === denom ? 'active' : ''} onClick={() => setDenom(m)}>
            {m}/uhyper
          </button>
        ))}
      </div>
      <Card title={`Order book depth: ${denom}/uhyper`}>
        <Show f={book} module="market">
          {(b) => (
            <>
              <DepthChart bids={b.bids ?? []} asks={b.asks ?? []} />
              <div class="muted">
                {b.bids?.length ?? 0} bid levels, {b.asks?.length ?? 0} ask levels
                {b.bids?.[0] && b.asks?.[0] ? `, spread ${fmtNum(Number(b.asks[0].price) - Number(b.bids[0].price), 6)}` : ''}
              </div>
            </>
          )}
        </Show>
      </Card>
      <RestTable title="Recent trades" path={`/hypermesh/market/v1/trades?denom=${denom}`} module="market" />
      <RestTable title="Auctions" path="/hypermesh/market/v1/auctions" module="market" />
      <RestTable title="Leases" path="/hypermesh/market/v1/leases" module="market" />
    </>
  );
}
