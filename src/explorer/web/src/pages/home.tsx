/** Dashboard (live blocks and txs, headline numbers) and the paged block and tx lists. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { BlockSummary, Page, Series, TxRecord } from '../../../types';
import { subscribeBlocks } from '../api';
import { ago, fmtAmount, fmtCoins, fmtInt, fmtNum, msgName, short } from '../format';
import { AddrLink, BlockLink, Card, Pager, Show, TxLink, useJson } from '../ui';

/** Keeps a list fresh: the fetched page, with live items prepended (newest first, capped). */
function useLiveList<T>(initial: T[] | undefined, pick: (b: { block: BlockSummary; txs: TxRecord[] }) => T[], key: (t: T) => string, cap: number): T[] | undefined {
  const [items, setItems] = useState<T[] | undefined>(undefined);
  useEffect(() => setItems(initial), [initial]);
  useEffect(
    () =>
      subscribeBlocks((b) =>
        setItems((cur) => {
          if (!cur) return cur;
          const seen = new Set(cur.map(key));
          const add = pick(b).filter((x) => !seen.has(key(x)));
          return add.length ? [...add.reverse(), ...cur].slice(0, cap) : cur;
        }),
      ),
    [],
  );
  return items;
}

export function BlockTable({ blocks }: { blocks: BlockSummary[] }) {
  return (
    <table class="list" data-testid="blocks-table">
      <thead>
        <tr>
          <th>Height</th>
          <th>Age</th>
          <th>Txs</th>
          <th>Gas used</th>
          <th>Fees</th>
          <th>Proposer</th>
        </tr>
      </thead>
      <tbody>
        {blocks.map((b) => (
          <tr key={b.height} data-testid="block-row">
            <td>
              <BlockLink h={b.height} />
            </td>
            <td title={b.time}>{ago(b.timeMs)}</td>
            <td>{b.txs}</td>
            <td>{fmtInt(b.gasUsed)}</td>
            <td>{b.fees === '0' ? '—' : fmtAmount(b.fees)}</td>
            <td class="mono" title={b.proposer}>
              {short(b.proposer, 6)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TxTable({ txs, showHeight = true }: { txs: TxRecord[]; showHeight?: boolean }) {
  if (txs.length === 0) return <div class="muted">No transactions.</div>;
  return (
    <table class="list" data-testid="txs-table">
      <thead>
        <tr>
          <th>Hash</th>
          <th>Type</th>
          <th>Result</th>
          {showHeight && <th>Height</th>}
          <th>Age</th>
          <th>Fee</th>
          <th>Signer</th>
        </tr>
      </thead>
      <tbody>
        {txs.map((t) => (
          <tr key={t.hash} data-testid="tx-row">
            <td>
              <TxLink hash={t.hash} />
            </td>
            <td>{t.msgTypes.map(msgName).join(', ') || '—'}</td>
            <td>{t.code === 0 ? <span class="ok">Success</span> : <span class="fail">Failed ({t.code})</span>}</td>
            {showHeight && (
              <td>
                <BlockLink h={t.height} />
              </td>
            )}
            <td>{ago(t.timeMs)}</td>
            <td>{fmtCoins(t.fee)}</td>
            <td>{t.signers[0] ? <AddrLink a={t.signers[0]} /> : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div class="stat">
      <div class="label">{label}</div>
      <div class="value" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

export function HomePage() {
  const blocksF = useJson<Page<BlockSummary>>('/explorer/api/blocks?limit=10');
  const txsF = useJson<Page<TxRecord>>('/explorer/api/txs?limit=10');
  const [statsPath, setStatsPath] = useState('/explorer/api/analytics?blocks=100&points=1');
  const stats = useJson<Series>(statsPath);
  const blocks = useLiveList(blocksF.data?.items, (b) => [b.block], (b) => String(b.height), 10);
  const txs = useLiveList(txsF.data?.items, (b) => b.txs, (t) => t.hash, 10);
  // a block indexed between the first fetch and the stream's start would be missing: refetch on a gap
  const last = useRef(0);
  useEffect(() => {
    const top = blocksF.data?.items[0]?.height ?? 0;
    last.current = Math.max(last.current, top);
  }, [blocksF.data]);
  useEffect(
    () =>
      subscribeBlocks(({ block }) => {
        if (last.current > 0 && block.height > last.current + 1) {
          blocksF.reload();
          txsF.reload();
        }
        last.current = Math.max(last.current, block.height);
      }),
    [],
  );
  // refresh the headline numbers every 10 blocks
  useEffect(() => subscribeBlocks(({ block }) => block.height % 10 === 0 && setStatsPath(`/explorer/api/analytics?blocks=100&points=1&at=${block.height}`)), []);
  const p = stats.data?.points[0];
  return (
    <>
      <div class="stats">
        <Stat label="Latest block" value={blocks?.[0] ? fmtInt(blocks[0].height) : '—'} />
        <Stat label="Block time (last 100)" value={p ? `${fmtNum(p.blockTimeMs / 1000, 2)} s` : '—'} />
        <Stat label="Tx/s (last 100 blocks)" value={p ? fmtNum(p.tps, 3) : '—'} />
        <Stat label="Txs (last 100 blocks)" value={p ? fmtInt(p.txs) : '—'} />
        <Stat label="Fees (last 100 blocks)" value={p ? fmtAmount(p.fees) : '—'} />
        <Stat label="Supply" value={p?.sample?.supply ? fmtAmount(p.sample.supply) : '—'} />
      </div>
      <div class="grid2">
        <Card title="Latest blocks" extra={<a href="/blocks">all blocks →</a>}>
          {blocksF.error ? <Show f={blocksF}>{() => null}</Show> : blocks ? <BlockTable blocks={blocks} /> : <Show f={blocksF}>{() => null}</Show>}
        </Card>
        <Card title="Latest transactions" extra={<a href="/txs">all txs →</a>}>
          {txsF.error ? <Show f={txsF}>{() => null}</Show> : txs ? <TxTable txs={txs} /> : <Show f={txsF}>{() => null}</Show>}
        </Card>
      </div>
    </>
  );
}

/** Cursor paging: a stack of cursors so "newest" and "older" both work. */
function useCursor(): [string | undefined, (n: string) => void, () => void] {
  const [stack, setStack] = useState<string[]>([]);
  return [stack[stack.length - 1], (n) => setStack((s) => [...s, n]), () => setStack([])];
}

export function BlocksPage() {
  const [before, older, first] = useCursor();
  const f = useJson<Page<BlockSummary>>(`/explorer/api/blocks?limit=25${before ? `&before=${before}` : ''}`);
  return (
    <Card title="Blocks">
      <Show f={f}>
        {(p) => (
          <>
            <BlockTable blocks={p.items} />
            <Pager next={p.next} onNext={older} onFirst={first} atFirst={!before} />
          </>
        )}
      </Show>
    </Card>
  );
}

export function TxsPage() {
  const [before, older, first] = useCursor();
  const f = useJson<Page<TxRecord>>(`/explorer/api/txs?limit=25${before ? `&before=${before}` : ''}`);
  return (
    <Card title="Transactions">
      <Show f={f}>
        {(p) => (
          <>
            <TxTable txs={p.items} />
            <Pager next={p.next} onNext={older} onFirst={first} atFirst={!before} />
          </>
        )}
      </Show>
    </Card>
  );
}

export { useCursor };
