/** An account: balances (spendable and locked), account and vesting data, delegations, its txs. */
import type { Page, TxRecord } from '../../../types';
import { fmtAmount, fmtTime } from '../format';
import { Card, JsonView, KV, Pager, Show, useJson } from '../ui';
import { TxTable, useCursor } from './home';

interface Coin {
  denom: string;
  amount: string;
}
interface AccountDetail {
  address: string;
  balances?: Coin[];
  spendable?: Coin[];
  account?: Record<string, any>;
  delegations?: unknown[] | null;
  txs: Page<TxRecord>;
}

const coinList = (cs: Coin[] | undefined) => (cs && cs.length ? cs.map((c) => fmtAmount(c.amount, c.denom)).join(', ') : '0');

/** The vesting fields of any vesting account type, wherever they nest. */
function vestingOf(acc: Record<string, any> | undefined): Record<string, any> | undefined {
  if (!acc) return undefined;
  const bva = acc.baseVestingAccount ?? (acc.originalVesting ? acc : undefined);
  if (!bva) return undefined;
  return { ...bva, startTime: acc.startTime, vestingPeriods: acc.vestingPeriods };
}

export function AccountPage({ address }: { address?: string }) {
  const [before, older, first] = useCursor();
  const f = useJson<AccountDetail>(`/explorer/api/accounts/${encodeURIComponent(address ?? '')}?limit=20${before ? `&before=${before}` : ''}`);
  return (
    <Show f={f}>
      {(d) => {
        const acc = d.account;
        const base = acc?.baseAccount ?? acc?.baseVestingAccount?.baseAccount ?? acc;
        const v = vestingOf(acc);
        return (
          <>
            <Card title="Account">
              <KV
                rows={[
                  ['Address', <span class="mono" data-testid="account-address">{d.address}</span>],
                  ['Balance', <span data-testid="account-balance">{coinList(d.balances)}</span>],
                  ...(d.spendable ? ([['Spendable', coinList(d.spendable)]] as Array<[string, any]>) : []),
                  ['Type', acc ? String(acc['@type']).replace(/^\/cosmos\.\w+\.v1beta1\./, '') : 'no account yet'],
                  ...(base?.accountNumber !== undefined ? ([['Account number', base.accountNumber], ['Sequence', base.sequence]] as Array<[string, any]>) : []),
                  ['Transactions', String(d.txs.total ?? d.txs.items.length)],
                ]}
              />
            </Card>
            {v && (
              <Card title="Vesting">
                <KV
                  rows={[
                    ['Original vesting', coinList(v.originalVesting)],
                    ['Delegated free', coinList(v.delegatedFree)],
                    ['Delegated vesting', coinList(v.delegatedVesting)],
                    ...(v.startTime && v.startTime !== '0' ? ([['Start', fmtTime(Number(v.startTime) * 1000)]] as Array<[string, any]>) : []),
                    ['End', v.endTime ? fmtTime(Number(v.endTime) * 1000) : '—'],
                  ]}
                />
                {v.vestingPeriods && <JsonView value={v.vestingPeriods} />}
              </Card>
            )}
            <Card title="Delegations">
              {d.delegations === null || d.delegations === undefined ? (
                <div class="notice">Module <b>staking</b> not enabled on this chain.</div>
              ) : d.delegations.length === 0 ? (
                <div class="muted">None.</div>
              ) : (
                <JsonView value={d.delegations} />
              )}
            </Card>
            <Card title="Transactions">
              <TxTable txs={d.txs.items} />
              <Pager next={d.txs.next} onNext={older} onFirst={first} atFirst={!before} />
            </Card>
          </>
        );
      }}
    </Show>
  );
}
