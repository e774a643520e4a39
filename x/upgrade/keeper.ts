/**
 * UpgradeKeeper: the scheduled plan, the upgrades applied, module versions. The block at the plan's
 * height either runs the plan's handler (when this binary has one) or halts the chain: BeginBlock
 * throws "UPGRADE "<name>" NEEDED at height: <h>: <info>", which makes FinalizeBlock fail, and the
 * node stops (src/abci: a FinalizeBlock failure is fatal) before anything of that block is
 * committed. A binary with the handler then replays that block and goes on.
 */
import type { Plan } from 'cosmjs-types/cosmos/upgrade/v1beta1/upgrade';
import type { Context } from '../../src/types/context';
import { sdk } from '../../src/types/errors';
import { upgradeState } from './keys';

/** Runs once, in BeginBlock of the plan's height (before any other module's BeginBlock). */
export type UpgradeHandler = (ctx: Context, plan: Plan) => void;

export interface UpgradeKeeperDeps {
  /** The gov module account: the only signer of MsgSoftwareUpgrade / MsgCancelUpgrade. */
  authority: string;
  /** Upgrade name → handler: the upgrades this binary knows (src/app/app.ts UPGRADE_HANDLERS). */
  handlers: ReadonlyMap<string, UpgradeHandler>;
  /** The app's module names: each gets consensus version 1 in the version map when it is first set. */
  moduleNames: () => readonly string[];
}

/** Go's zero time.Time: what gogoproto writes for a plan without a time (stdtime, nullable=false). */
const GO_ZERO_TIME = { seconds: -62135596800n, nanos: 0 };

const isUnsetTime = (t: Plan['time'] | undefined) =>
  !t || (t.seconds === 0n && t.nanos === 0) || (t.seconds === GO_ZERO_TIME.seconds && t.nanos === GO_ZERO_TIME.nanos);

export function upgradeNeededMessage(p: Plan): string {
  return `UPGRADE "${p.name}" NEEDED at height: ${p.height}: ${p.info}`;
}

export class UpgradeKeeper {
  readonly state = upgradeState();
  /** Once per process: a binary missing the handler of the last applied upgrade must not run. */
  private downgradeVerified = false;

  constructor(readonly deps: UpgradeKeeperDeps) {}

  get authority(): string {
    return this.deps.authority;
  }

  hasHandler(name: string): boolean {
    return this.deps.handlers.has(name);
  }

  plan(ctx: Context): Plan | undefined {
    return this.state.plan.get(ctx);
  }

  /** Plan.ValidateBasic. */
  validatePlan(p: Plan): void {
    // cosmjs-types always writes `time`, as an empty Timestamp (1970): unset, as Go's zero time is
    if (!isUnsetTime(p.time)) throw sdk.InvalidRequest('time-based upgrades have been deprecated in the SDK');
    if (p.upgradedClientState) throw sdk.InvalidRequest('upgrade logic for IBC has been moved to the IBC module');
    if (p.name === '') throw sdk.InvalidRequest('name cannot be empty');
    if (p.height <= 0n) throw sdk.InvalidRequest('height must be greater than 0');
  }

  /** ScheduleUpgrade: replaces any scheduled plan; not in the past, not a name already applied. */
  scheduleUpgrade(ctx: Context, p: Plan): void {
    this.validatePlan(p);
    if (p.height < BigInt(ctx.block.height)) throw sdk.InvalidRequest('upgrade cannot be scheduled in the past');
    if (this.doneHeight(ctx, p.name) !== 0n) throw sdk.InvalidRequest(`upgrade with name ${p.name} has already been completed`);
    // stored as gogoproto writes it: the unset time as Go's zero time
    this.state.plan.set(ctx, { ...p, time: GO_ZERO_TIME });
  }

  clearPlan(ctx: Context): void {
    this.state.plan.remove(ctx);
  }

  /** The height at which `name` was applied, 0 if never. */
  doneHeight(ctx: Context, name: string): bigint {
    for (const [[height, n]] of this.state.done.iterate(ctx)) if (n === name) return height;
    return 0n;
  }

  lastCompleted(ctx: Context): { name: string; height: bigint } | undefined {
    for (const [[height, name]] of this.state.done.iterate(ctx, { reverse: true })) return { name, height };
    return undefined;
  }

  moduleVersions(ctx: Context): { name: string; version: bigint }[] {
    return [...this.state.versions.iterate(ctx)].map(([name, version]) => ({ name, version }));
  }

  /** BeginBlock, first of all modules (the SDK's PreBlocker). */
  beginBlock(ctx: Context): void {
    const height = BigInt(ctx.block.height);
    const plan = this.plan(ctx);
    const due = plan !== undefined && plan.height <= height;
    if (!this.downgradeVerified) {
      this.downgradeVerified = true;
      const last = this.lastCompleted(ctx);
      if (!due && last && !this.hasHandler(last.name)) {
        throw new Error(`wrong app version, upgrade handler is missing for ${last.name} upgrade plan`);
      }
    }
    if (this.state.versions.get(ctx, 'upgrade') === undefined) {
      for (const name of new Set(['upgrade', ...this.deps.moduleNames()])) this.state.versions.set(ctx, name, 1n);
    }
    if (!plan) return;
    if (due) {
      if (!this.hasHandler(plan.name)) throw new Error(upgradeNeededMessage(plan));
      this.apply(ctx, plan);
      return;
    }
    if (this.hasHandler(plan.name)) {
      throw new Error(`BINARY UPDATED BEFORE TRIGGER! UPGRADE "${plan.name}" - in binary but not executed on chain. Downgrade your binary`);
    }
  }

  /** ApplyUpgrade: the handler, protocol version + 1, plan cleared, recorded as done at this height. */
  private apply(ctx: Context, plan: Plan): void {
    this.deps.handlers.get(plan.name)!(ctx, plan);
    this.state.protocolVersion.set(ctx, (this.state.protocolVersion.get(ctx) ?? 0n) + 1n);
    this.clearPlan(ctx);
    this.state.done.set(ctx, [BigInt(ctx.block.height), plan.name], Uint8Array.of(1));
  }
}
