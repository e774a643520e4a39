/** One block: summary, header (from CometBFT), its txs. */
import type { BlockSummary, TxRecord } from '../../../types';
import { fmtAmount, fmtCoins, fmtInt, fmtTime } from '../format';
import { BlockLink, Card, KV, Show, useJson } from '../ui';
import { TxTable } from './home';

interface BlockDetail {
  block: BlockSummary;
  txs: TxRecord[];
  header?: Record<string, any>;
}

export function BlockPage({ height }: { height?: string }) {
  const f = useJson<BlockDetail>(`/explorer/api/blocks/${encodeURIComponent(height ?? '')}`);
  return (
    <Show f={f}>
      {({ block: b, txs, header }) => (
        <>
          <Card
            title={<span data-testid="block-title">Block {fmtInt(b.height)}</span>}
            extra={
              <span class="pager-inline">
                {b.height > 1 && <a href={`/block/${b.height - 1}`}>← {b.height - 1}</a>} <a href={`/block/${b.height + 1}`}>{b.height + 1} →</a>
              </span>
            }
          >
            <KV
              rows={[
                ['Height', <BlockLink h={b.height} />],
                ['Time', `${fmtTime(b.timeMs)} (${b.time})`],
                ['Block hash', <span class="mono">{b.hash}</span>],
                ['App hash (after block)', <span class="mono">{b.appHash}</span>],
                ['Proposer', <span class="mono">{b.proposer}</span>],
                ['Transactions', `${b.txs}${b.failedTxs ? ` (${b.failedTxs} failed)` : ''}`],
                ['Gas used', fmtInt(b.gasUsed)],
                ['Fees', fmtCoins(b.feeCoins)],
                ['Burned', b.burned === '0' ? '—' : fmtAmount(b.burned)],
                ['Last commit signatures', `${b.signed} / ${b.voters}`],
                ...(header
                  ? ([
                      ['Chain id', header.chain_id],
                      ['Previous block', <span class="mono">{header.last_block_id?.hash}</span>],
                      ['Validators hash', <span class="mono">{header.validators_hash}</span>],
                      ['Data hash', <span class="mono">{header.data_hash}</span>],
                      ['Last results hash', <span class="mono">{header.last_results_hash}</span>],
                    ] as Array<[string, any]>)
                  : []),
              ]}
            />
          </Card>
          <Card title={`Transactions (${txs.length})`}>
            <TxTable txs={txs} showHeight={false} />
          </Card>
        </>
      )}
    </Show>
  );
}
