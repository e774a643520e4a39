/**
 * One tx, from bytes to result: decode, run the ante chain in a branch (kept when it succeeds),
 * run the messages in another branch (kept only when all succeed). Every error becomes a result
 * with its registered code; an unexpected exception becomes code 1 of codespace "undefined".
 * Nothing here throws.
 */
import { TxMsgData } from 'cosmjs-types/cosmos/base/abci/v1beta1/abci';
import type { Event } from 'cosmjs-types/tendermint/abci/types';
import type { DecodedTx } from '../codec/tx_decoder';
import { BasicGasMeter, InfiniteGasMeter, type GasMeter } from '../store/gas';
import type { Context } from '../types/context';
import { toAbciError } from '../types/errors';
import { abciEvent, EventManager, withAttribute } from '../types/events';
import { runAnte, type AnteDeps } from './ante/ante_handler';
import type { MsgRouter } from './msg_router';

export interface TxResult {
  code: number;
  codespace: string;
  log: string;
  gasWanted: bigint;
  gasUsed: bigint;
  events: Event[];
  /** TxMsgData: the msg responses, for clients. */
  data: Uint8Array;
}

export interface TxEnv {
  router: MsgRouter;
  ante: AnteDeps;
}

/** Runs a decoded tx (or reports the decode error) on top of `parent`'s stores. */
export function runTx(env: TxEnv, parent: Context, decoded: DecodedTx | Error): TxResult {
  let gasWanted = 0n;
  let meter: GasMeter = new InfiniteGasMeter();
  let anteEvents: readonly Event[] = [];
  try {
    if (decoded instanceof Error) throw decoded;
    const tx = decoded;
    gasWanted = tx.authInfo.fee?.gasLimit ?? 0n;
    meter = parent.mode === 'simulate' ? new InfiniteGasMeter() : new BasicGasMeter(gasWanted);

    // In DeliverTx the ante writes (fee, sequence) stay even if a message fails; in CheckTx a
    // failing tx must cost nothing, so its ante writes are kept only together with its messages.
    const deliver = parent.mode === 'deliver';
    const anteStores = parent.stores.branch();
    const anteCtx = parent.with({ stores: anteStores, gasMeter: meter, events: new EventManager() });
    runAnte(anteCtx, tx, env.ante);
    anteEvents = anteCtx.events.events;
    if (deliver) anteStores.write();

    // Recheck (CometBFT re-validating its mempool after a block) runs the ante chain only, as the
    // SDK does: fees and sequences of the pending txs are replayed into the new check state.
    if (parent.mode === 'recheck') {
      anteStores.write();
      return { code: 0, codespace: '', log: '', gasWanted, gasUsed: used(meter), events: [], data: new Uint8Array() };
    }

    const execStores = (deliver ? parent.stores : anteStores).branch();
    const { events, data } = runMsgs(env.router, parent.with({ stores: execStores, gasMeter: meter }), tx);
    execStores.write();
    if (!deliver) anteStores.write();
    return { code: 0, codespace: '', log: '', gasWanted, gasUsed: used(meter), events: [...anteEvents, ...events], data };
  } catch (err) {
    const e = toAbciError(err);
    return { ...e, gasWanted, gasUsed: used(meter), events: [...anteEvents], data: new Uint8Array() };
  }
}

function used(meter: GasMeter): bigint {
  return meter instanceof BasicGasMeter ? meter.consumedToLimit() : meter.consumed();
}

/** Runs each message; events get msg_index, a `message` event (action, sender, module) leads them. */
function runMsgs(router: MsgRouter, ctx: Context, tx: DecodedTx): { events: Event[]; data: Uint8Array } {
  const events: Event[] = [];
  const msgResponses = [];
  for (const [i, m] of tx.msgs.entries()) {
    const { route, module } = router.route(m.typeUrl);
    const em = new EventManager();
    const response = route.handle(ctx.with({ events: em }), m.value);
    const signer = route.signers(m.value)[0];
    const message = abciEvent('message', { action: m.typeUrl, ...(signer ? { sender: signer } : {}), module: moduleOfTypeUrl(m.typeUrl) ?? module });
    events.push(...withAttribute([message, ...em.events], 'msg_index', String(i)));
    msgResponses.push({ typeUrl: route.response.typeUrl, value: route.response.encode(response).finish() });
  }
  return { events, data: TxMsgData.encode({ data: [], msgResponses }).finish() };
}

/** "/cosmos.bank.v1beta1.MsgSend" → "bank", as the SDK's GetModuleNameFromTypeURL. */
export function moduleOfTypeUrl(typeUrl: string): string | undefined {
  const parts = typeUrl.replace(/^\//, '').split('.');
  return parts.length >= 2 ? parts[1] : undefined;
}
