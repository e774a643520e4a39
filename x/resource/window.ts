/**
 * Liveness windows. Time is cut into windows of heartbeat_interval_seconds aligned to the Unix
 * epoch; a window is numbered only when blocks fall in it (a halted chain penalizes nobody). In
 * BeginBlock of the first block whose time reaches the open window's end, before that block's
 * txs, the window closes:
 *   1. every node registered before the window promised a heartbeat in it: windows_expected += 1,
 *      windows_on_time += 1 when one was accepted in it (missed_windows counts the gap);
 *   2. active leases settle the period up to the window end (leases.ts);
 *   3. every provider's reputation decays and takes the window's counts (reputation.ts).
 * Then the next window opens around the block's time. Cost: one pass over nodes, active leases and
 * providers per window, not per block. Unbonding providers whose time has come are paid out in
 * every BeginBlock.
 */
import { Window } from '../../src/gen/hypermesh/resource/v1/resource';
import type { Context } from '../../src/types/context';
import type { ResourceKeeper } from './keeper';
import { secondsOf, tsOf } from './keeper';
import { settleLeases } from './leases';
import { completeUnbondings } from './providers';
import { closeWindow as closeReputationWindow, NO_INCREMENTS, type WindowIncrements } from './reputation';

/** The window containing the block time, numbered `number`. */
export function windowAt(ctx: Context, intervalSeconds: bigint, number: bigint): Window {
  const t = ctx.unixSeconds;
  const start = t - (t % intervalSeconds);
  return Window.fromPartial({ number, start: tsOf(start), end: tsOf(start + intervalSeconds) });
}

export function beginBlock(k: ResourceKeeper, ctx: Context): void {
  const w = k.window(ctx);
  if (ctx.unixSeconds >= secondsOf(w.end)) {
    closeWindow(k, ctx, w);
    k.state.window.set(ctx, windowAt(ctx, k.params(ctx).heartbeatIntervalSeconds, w.number + 1n));
  }
  completeUnbondings(k, ctx);
}

export function closeWindow(k: ResourceKeeper, ctx: Context, w: Window): void {
  const params = k.params(ctx);
  const increments = new Map<string, WindowIncrements>();
  const inc = (provider: string) => {
    let x = increments.get(provider);
    if (!x) increments.set(provider, (x = { ...NO_INCREMENTS }));
    return x;
  };

  const nodes = [...k.state.nodes.iterate(ctx)];
  for (const [key, node] of nodes) {
    if (node.registeredWindow >= w.number) continue;
    const onTime = node.lastHeartbeatWindow === w.number;
    k.state.nodes.set(ctx, key, {
      ...node,
      windowsExpected: node.windowsExpected + 1n,
      windowsOnTime: node.windowsOnTime + (onTime ? 1n : 0n),
      missedWindows: onTime ? 0n : node.missedWindows + 1n,
    });
    const x = inc(node.provider);
    x.expected++;
    if (onTime) x.onTime++;
  }

  for (const [provider, c] of settleLeases(k, ctx, w)) {
    const x = inc(provider);
    x.served += c.served;
    x.missed += c.missed;
  }

  const now = ctx.unixSeconds;
  for (const [address, rep] of [...k.state.reputations.iterate(ctx)]) {
    const p = k.getProvider(ctx, address);
    if (!p) continue;
    const next = closeReputationWindow(rep, increments.get(p.address) ?? NO_INCREMENTS, params, now - secondsOf(p.registeredAt), BigInt(p.bond), w.number);
    k.state.reputations.set(ctx, address, next);
  }
}
