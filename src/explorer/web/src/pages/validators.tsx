/** Validators: voting power, commission, jailed, uptime over the last blocks (from the indexer). */
import type { ValidatorUptime } from '../../../types';
import { fmtInt, fmtNum, short } from '../format';
import { Card, Show, useJson } from '../ui';

interface Row {
  address: string;
  operator?: string;
  moniker?: string;
  power: string;
  tokens?: string;
  commission?: string;
  jailed?: boolean;
  status?: number;
  active?: boolean;
  uptime?: ValidatorUptime;
}

const STATUS = ['unspecified', 'unbonded', 'unbonding', 'bonded'];

export function ValidatorsPage({ highlight }: { highlight?: string }) {
  const f = useJson<{ source: 'staking' | 'cometbft'; window: number; validators: Row[] }>('/explorer/api/validators');
  return (
    <Card title="Validators">
      <Show f={f}>
        {(d) => {
          const total = d.validators.reduce((n, v) => n + Number(v.power), 0);
          const rows = [...d.validators].sort((a, b) => Number(b.power) - Number(a.power));
          return (
            <>
              {d.source === 'cometbft' && (
                <div class="notice">
                  Module <b>staking</b> not enabled on this chain: showing CometBFT's validator set (no operators, commission or jailing yet).
                </div>
              )}
              <table class="list" data-testid="validators-table">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>Validator</th>
                    <th>Voting power</th>
                    <th>Share</th>
                    {d.source === 'staking' && <th>Commission</th>}
                    <th>Status</th>
                    <th>Uptime (last {fmtInt(d.window)} blocks)</th>
                    <th>Proposed</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((v, i) => {
                    const up = v.uptime && v.uptime.expected > 0 ? (100 * v.uptime.signed) / v.uptime.expected : undefined;
                    return (
                      <tr key={v.address} class={highlight && (highlight === v.operator || highlight === v.address) ? 'hl' : ''}>
                        <td>{i + 1}</td>
                        <td>
                          {v.moniker && <div>{v.moniker}</div>}
                          <div class="mono" title={v.address}>
                            {v.operator ? short(v.operator, 12) : short(v.address, 10)}
                          </div>
                        </td>
                        <td>{fmtInt(v.power)}</td>
                        <td>{total > 0 ? `${fmtNum((100 * Number(v.power)) / total, 2)}%` : '—'}</td>
                        {d.source === 'staking' && <td>{v.commission ? `${fmtNum(Number(v.commission) * 100, 2)}%` : '—'}</td>}
                        <td>{v.jailed ? <span class="fail">jailed</span> : v.status !== undefined ? STATUS[v.status] ?? v.status : v.active ? 'active' : 'inactive'}</td>
                        <td>{up === undefined ? '—' : <span class={up < 95 ? 'fail' : 'ok'}>{fmtNum(up, 2)}%</span>}</td>
                        <td>{v.uptime?.proposed ?? 0}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </>
          );
        }}
      </Show>
    </Card>
  );
}
