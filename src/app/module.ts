/**
 * What a module gives the app: its Msg handlers, its query handlers, its genesis, its block hooks.
 * src/app/app.ts builds the modules with `new` and lists them; BaseApp routes to them.
 */
import type { ValidatorUpdate } from 'cosmjs-types/tendermint/abci/types';
import type { Misbehavior, CommitInfo } from 'cosmjs-types/tendermint/abci/types';
import type { ProtoCodec, TypeRegistry } from '../codec/type_registry';
import type { Context } from '../types/context';

export interface MsgRoute<M = any, R = any> {
  readonly type: ProtoCodec<M>;
  readonly response: ProtoCodec<R>;
  /** Bech32 addresses whose signatures the msg needs (the proto's cosmos.msg.v1.signer fields). */
  signers(msg: M): string[];
  /** Stateless checks (the SDK's ValidateBasic); throws a registered error. */
  validate?(msg: M): void;
  handle(ctx: Context, msg: M): R;
}

export interface QueryRoute<Q = any, R = any> {
  /** The gRPC full method name, e.g. "/cosmos.bank.v1beta1.Query/Balance". */
  readonly path: string;
  readonly request: ProtoCodec<Q>;
  readonly response: ProtoCodec<R>;
  handle(ctx: Context, req: Q): R;
}

/** What BeginBlock hooks learn of the block being finalized. */
export interface BlockHeaderInfo {
  readonly decidedLastCommit?: CommitInfo;
  readonly misbehavior: readonly Misbehavior[];
}

/**
 * A module's genesis state as its protobuf GenesisState. BaseApp converts the module's section
 * of genesis.json (the SDK's JSON) to and from it, so modules never touch JSON.
 */
export interface ModuleGenesis<G = any> {
  readonly type: ProtoCodec<G>;
  default(): G;
  /** Checks a genesis state without touching the store; throws a registered error. */
  validate?(genesis: G): void;
  init(ctx: Context, genesis: G): ValidatorUpdate[] | void;
  export(ctx: Context): G;
}

export interface AppModule {
  readonly name: string;
  readonly msgs?: readonly MsgRoute[];
  readonly queries?: readonly QueryRoute[];
  /** Interface types this module adds to the Any registry (accounts, keys, proposal contents). */
  registerTypes?(registry: TypeRegistry): void;
  readonly genesis?: ModuleGenesis;
  beginBlock?(ctx: Context, info: BlockHeaderInfo): void;
  endBlock?(ctx: Context): ValidatorUpdate[] | void;
}
