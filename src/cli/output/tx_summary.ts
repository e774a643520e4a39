/**
 * The tx as shown before confirmation: its messages and fee decoded (the SDK's JSON, as YAML),
 * with who signs, on which chain, at which account number and sequence.
 */
import { Tx } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { toSdkJsonOf } from '../../codec/proto_json';
import { toYaml } from './yaml';

export interface SummaryContext {
  readonly chainId: string;
  readonly signer: string;
  readonly keyName?: string;
  readonly accountNumber?: bigint;
  readonly sequence?: bigint;
  readonly signMode?: string;
  readonly node?: string;
}

export function txSummary(tx: Tx, c: SummaryContext): string {
  const json = toSdkJsonOf(Tx, tx) as { body: Record<string, unknown>; auth_info: { fee: Record<string, unknown> } };
  const body = json.body;
  const view: Record<string, unknown> = {
    messages: body.messages,
    memo: body.memo,
    fee: json.auth_info.fee,
  };
  if (body.timeout_height && body.timeout_height !== '0') view.timeout_height = body.timeout_height;
  const who = c.keyName ? `${c.signer} (key '${c.keyName}')` : c.signer;
  const header = [
    `chain:  ${c.chainId}${c.node ? ` via ${c.node}` : ''}`,
    `signer: ${who}`,
    ...(c.accountNumber !== undefined ? [`account number ${c.accountNumber}, sequence ${c.sequence}, sign mode ${c.signMode ?? 'direct'}`] : []),
  ];
  return `${header.join('\n')}\n${toYaml(view)}`;
}
