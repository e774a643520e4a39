/**
 * What every CLI command receives: the process streams (tests pass their own) and the codec of
 * the message types txs may carry. Modules plug their commands in through `TxModule` and
 * `QueryModule` (README, "Adding a module's commands").
 */
import { Registry, type GeneratedType } from '@cosmjs/proto-signing';
import { AminoTypes, createDefaultAminoConverters, defaultRegistryTypes, type AminoConverters } from '@cosmjs/stargate';
import type { Command } from 'commander';
import type { CliIo } from './prompt';
import type { TxCodec } from './tx_build';

export interface CliContext {
  readonly io: CliIo;
  readonly codec: TxCodec;
}

/** A module's `hypermesh tx <module> ...` commands, in one file (src/cli/commands/tx_<module>.ts). */
export interface TxModule {
  readonly name: string;
  /** Protobuf types of the module's Msgs not already in cosmjs's defaults. */
  readonly types?: ReadonlyArray<[string, GeneratedType]>;
  /** Amino converters for --sign-mode amino-json, for Msgs not in cosmjs's defaults. */
  readonly aminoConverters?: AminoConverters;
  /** Adds `tx <module> ...` under `tx`. */
  register(tx: Command, ctx: CliContext): void;
}

/** A module's `hypermesh query <module> ...` commands, in one file (src/cli/commands/query_<module>.ts). */
export interface QueryModule {
  readonly name: string;
  /** Adds `query <module> ...` under `query`. */
  register(query: Command, ctx: CliContext): void;
}

/** The codec of cosmjs's default types plus every module's. */
export function buildTxCodec(modules: readonly TxModule[]): TxCodec {
  const registry = new Registry(defaultRegistryTypes);
  let converters: AminoConverters = createDefaultAminoConverters();
  for (const m of modules) {
    for (const [url, type] of m.types ?? []) registry.register(url, type);
    converters = { ...converters, ...m.aminoConverters };
  }
  return { registry, amino: new AminoTypes(converters) };
}
