/** One tx: result, fee and gas, decoded messages, events. */
import type { TxRecord } from '../../../types';
import { fmtAmount, fmtCoins, fmtInt, fmtTime, msgName } from '../format';
import { AddrLink, BlockLink, Card, JsonView, KV, Show, useJson } from '../ui';

interface TxDetail {
  hash: string;
  height?: number;
  index?: number;
  record?: TxRecord;
  tx?: {
    messages: Array<Record<string, any>>;
    memo: string;
    fee: { amount: Array<{ denom: string; amount: string }>; gasLimit: string; payer: string; granter: string };
    signerInfos: unknown[];
    signatures: string[];
  };
  decodeError?: string;
  result?: { code: number; codespace: string; log: string; gasWanted: string; gasUsed: string; events: Array<{ type: string; attributes: Array<{ key: string; value: string }> }> };
}

const coins = (cs: Array<{ denom: string; amount: string }> | undefined) => (cs ?? []).map((c) => fmtAmount(c.amount, c.denom)).join(', ') || '—';

function Message({ m, i }: { m: Record<string, any>; i: number }) {
  const type = String(m['@type']);
  const { '@type': _t, ...fields } = m;
  let summary = null;
  if (type === '/cosmos.bank.v1beta1.MsgSend') {
    summary = (
      <KV
        rows={[
          ['From', <AddrLink a={m.fromAddress} n={40} />],
          ['To', <AddrLink a={m.toAddress} n={40} />],
          ['Amount', <span data-testid="msg-amount">{coins(m.amount)}</span>],
        ]}
      />
    );
  }
  return (
    <div class="msg" data-testid="msg">
      <h3>
        #{i} <span data-testid="msg-type">{msgName(type)}</span> <span class="muted mono">{type}</span>
      </h3>
      {summary}
      <details open={!summary}>
        <summary>Fields</summary>
        <JsonView value={fields} />
      </details>
    </div>
  );
}

export function TxPage({ hash }: { hash?: string }) {
  const f = useJson<TxDetail>(`/explorer/api/txs/${encodeURIComponent(hash ?? '')}`);
  return (
    <Show f={f}>
      {(d) => {
        const r = d.result;
        const code = r?.code ?? d.record?.code ?? 0;
        return (
          <>
            <Card title="Transaction">
              <KV
                rows={[
                  ['Hash', <span class="mono" data-testid="tx-hash">{d.hash}</span>],
                  ['Status', code === 0 ? <span class="ok" data-testid="tx-status">Success</span> : <span class="fail" data-testid="tx-status">Failed: {r?.codespace || d.record?.codespace}/{code}</span>],
                  ...(code !== 0 ? ([['Log', <code>{r?.log ?? d.record?.log}</code>]] as Array<[string, any]>) : []),
                  ['Height', d.height ? <BlockLink h={d.height} /> : '—'],
                  ['Time', d.record ? fmtTime(d.record.timeMs) : '—'],
                  ['Gas (used / wanted)', `${fmtInt(r?.gasUsed ?? d.record?.gasUsed ?? '0')} / ${fmtInt(r?.gasWanted ?? d.record?.gasWanted ?? '0')}`],
                  ['Fee', <span data-testid="tx-fee">{d.tx ? coins(d.tx.fee.amount) : fmtCoins(d.record?.fee ?? '')}</span>],
                  ['Signers', <>{(d.record?.signers ?? []).map((a) => <div key={a}><AddrLink a={a} n={40} /></div>)}</>],
                  ['Memo', d.tx?.memo || d.record?.memo || '—'],
                ]}
              />
            </Card>
            <Card title={`Messages (${d.tx?.messages.length ?? d.record?.msgTypes.length ?? 0})`}>
              {d.decodeError && <div class="error">{d.decodeError}</div>}
              {d.tx ? d.tx.messages.map((m, i) => <Message key={i} m={m} i={i} />) : (d.record?.msgTypes ?? []).map((t, i) => <div key={i}>#{i} {t}</div>)}
            </Card>
            {r && (
              <Card title={`Events (${r.events.length})`}>
                <table class="list events">
                  <tbody>
                    {r.events.map((e, i) => (
                      <tr key={i}>
                        <th>{e.type}</th>
                        <td>
                          {e.attributes.map((a, j) => (
                            <div key={j} class="attr">
                              <span class="k">{a.key}</span> <span class="mono">{a.value}</span>
                            </div>
                          ))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </Card>
            )}
          </>
        );
      }}
    </Show>
  );
}
