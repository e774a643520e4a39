/**
 * The Context of one execution: which block, which mode, which stores, which gas meter, where
 * events go. Keepers take it as their first argument and reach state only through `ctx.kv(name)`.
 * Nothing in it reads the clock: time is the block header's.
 */
import type { ConsensusParams } from 'cosmjs-types/tendermint/types/params';
import type { GasMeter } from '../store/gas';
import { InfiniteGasMeter } from '../store/gas';
import { GasKVStore } from '../store/gas_store';
import type { MultiBranch } from '../store/multi_branch';
import type { KVStore } from '../store/types';
import { EventManager } from './events';

export type ExecMode =
  | 'genesis'
  | 'check'
  | 'recheck'
  | 'simulate'
  | 'prepare'
  | 'process'
  | 'deliver'
  | 'begin_block'
  | 'end_block'
  | 'query';

export interface BlockInfo {
  readonly chainId: string;
  readonly height: number;
  /** Block time in nanoseconds since the Unix epoch (from the header, never the clock). */
  readonly timeNs: bigint;
  readonly proposer: Uint8Array;
  /** The header's app hash (the state after the previous block) and next validators hash, in FinalizeBlock. */
  readonly appHash?: Uint8Array;
  readonly nextValidatorsHash?: Uint8Array;
}

export class Context {
  constructor(
    readonly stores: MultiBranch,
    readonly block: BlockInfo,
    readonly mode: ExecMode,
    readonly gasMeter: GasMeter = new InfiniteGasMeter(),
    readonly events: EventManager = new EventManager(),
    readonly consensusParams?: ConsensusParams,
  ) {}

  /** A module store, charging this context's gas meter for every access. */
  kv(storeName: string): KVStore {
    return new GasKVStore(this.stores.store(storeName), this.gasMeter);
  }

  /** Block time in whole seconds. */
  get unixSeconds(): bigint {
    return this.block.timeNs / 1_000_000_000n;
  }

  get isCheck(): boolean {
    return this.mode === 'check' || this.mode === 'recheck';
  }

  /** A child context over a branch of the stores; nothing reaches this context until `write()`. */
  branch(): { ctx: Context; write: () => void } {
    const stores = this.stores.branch();
    const ctx = new Context(stores, this.block, this.mode, this.gasMeter, new EventManager(), this.consensusParams);
    return {
      ctx,
      write: () => {
        stores.write();
        this.events.emitAll(ctx.events.events);
      },
    };
  }

  with(changes: { stores?: MultiBranch; gasMeter?: GasMeter; events?: EventManager; mode?: ExecMode }): Context {
    return new Context(
      changes.stores ?? this.stores,
      this.block,
      changes.mode ?? this.mode,
      changes.gasMeter ?? this.gasMeter,
      changes.events ?? this.events,
      this.consensusParams,
    );
  }
}
