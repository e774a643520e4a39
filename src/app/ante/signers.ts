/** The addresses that must sign a tx: the msgs' signers, each once, in order of appearance. */
import type { DecodedTx } from '../../codec/tx_decoder';
import type { MsgRouter } from '../msg_router';

export function txSigners(tx: DecodedTx, router: MsgRouter): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const m of tx.msgs) {
    for (const s of router.route(m.typeUrl).route.signers(m.value)) {
      if (!seen.has(s)) {
        seen.add(s);
        out.push(s);
      }
    }
  }
  return out;
}
