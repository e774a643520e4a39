/**
 * An in-process HyperMesh app on a temporary LevelDB, driven through its ABCI methods as CometBFT
 * would drive it: InitChain, then blocks of FinalizeBlock + Commit. For unit tests of the state
 * machine; end-to-end tests use a real CometBFT instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BaseAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import { GenesisState as AuthGenesis } from 'cosmjs-types/cosmos/auth/v1beta1/genesis';
import { GenesisState as BankGenesis } from 'cosmjs-types/cosmos/bank/v1beta1/genesis';
import {
  CheckTxType,
  RequestFinalizeBlock,
  type CommitInfo,
  type ExecTxResult,
  type Misbehavior,
  type ResponseFinalizeBlock,
  type ResponseCheckTx,
} from 'cosmjs-types/tendermint/abci/types';
import { fromSdkJsonOf, toSdkJsonOf } from '../../src/codec/proto_json';
import { ConsensusParams } from 'cosmjs-types/tendermint/types/params';
import { createHyperMeshApp } from '../../src/app/app';
import type { GenesisCodec } from '../../src/app/base_app';
import { RootMultiStore } from '../../src/store/root_multistore';
import { nonNegativeBalancesInvariant, totalSupplyInvariant } from '../../x/bank/invariants';
import type { VerifyPool } from '../../src/crypto/verify_pool';
import { STORE_NAMES } from '../../src/app/app';
import { parseDecCoins } from '../../src/types/dec_coins';
import { DEFAULT_PARAMS as AUTH_DEFAULTS } from '../../x/auth/params';
import { DEFAULT_PARAMS as BANK_DEFAULTS } from '../../x/bank/params';

import type { EncodeObject } from '@cosmjs/proto-signing';
import { PubKey as Ed25519PubKey } from 'cosmjs-types/cosmos/crypto/ed25519/keys';
import type { CommitInfo as PosCommitInfo } from 'cosmjs-types/tendermint/abci/types';
import { BlockIDFlag } from 'cosmjs-types/tendermint/types/validator';
import { accountAddresses, validatorAddresses } from '../../src/crypto/address';
import { sha256, sha256Truncated } from '../../src/crypto/hash';
import { registry as txRegistry, signTx, testKey, type TestKey } from './tx_builder';
import { MsgUnjail } from 'cosmjs-types/cosmos/slashing/v1beta1/tx';

export const CHAIN_ID = 'hypermesh-test-1';

/**
 * Genesis sections in cosmjs-types' own JSON (camelCase): enough for unit tests of the pipeline.
 * Our generated types have no fromJSON/toJSON (ts-proto runs without them): the SDK JSON codec.
 */
export const objectGenesisCodec: GenesisCodec = {
  decode: (g, json) => ((g.type as any).fromJSON ? (g.type as any).fromJSON(json) : fromSdkJsonOf(g.type as any, json)),
  encode: (g, value) => ((g.type as any).toJSON ? (g.type as any).toJSON(value) : toSdkJsonOf(g.type as any, value)),
};

export interface TestAppOptions {
  minGasPrices?: string;
  maxGas?: bigint;
  /** More app_state sections (or replacements), in the JSON objectGenesisCodec reads. */
  genesis?: Record<string, unknown>;
  /** Consensus params beyond the block limits (evidence max ages, ...). */
  consensusParams?: Partial<Omit<ConsensusParams, 'block'>>;
  /** Verification threads for CheckTx look-ahead (tests pass an inline stand-in). */
  verifyPool?: VerifyPool;
}

/** What a test block may set beyond its txs; the time defaults to one second after the last block. */
export interface BlockOptions {
  timeSeconds?: bigint;
  proposer?: Uint8Array;
  decidedLastCommit?: CommitInfo;
  misbehavior?: Misbehavior[];
}

export interface Funded {
  address: string;
  uhyper: bigint;
}

export async function startTestApp(funded: Funded[], o: TestAppOptions = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-app-'));
  const cms = await RootMultiStore.open({ path: dir, storeNames: STORE_NAMES });
  const built = createHyperMeshApp({
    chainId: CHAIN_ID,
    version: 'test',
    cms,
    minGasPrices: parseDecCoins(o.minGasPrices ?? '0.01uhyper'),
    genesisCodec: objectGenesisCodec,
    verifyPool: o.verifyPool,
  });
  const { app } = built;
  const appState = {
    auth: AuthGenesis.toJSON(AuthGenesis.fromPartial({
      params: AUTH_DEFAULTS,
      accounts: funded.map((f, i) => ({
        typeUrl: BaseAccount.typeUrl,
        value: BaseAccount.encode(BaseAccount.fromPartial({ address: f.address, accountNumber: BigInt(i) })).finish(),
      })),
    })),
    bank: BankGenesis.toJSON(BankGenesis.fromPartial({
      params: BANK_DEFAULTS,
      balances: funded.map((f) => ({ address: f.address, coins: [{ denom: 'uhyper', amount: f.uhyper.toString() }] })),
    })),
    ...o.genesis,
  };
  const t0 = 1_800_000_000n;
  const init = app.initChain({
    time: { seconds: t0, nanos: 0 },
    chainId: CHAIN_ID,
    consensusParams: ConsensusParams.fromPartial({ ...o.consensusParams, block: { maxBytes: 22020096n, maxGas: o.maxGas ?? 1_000_000_000n } }),
    validators: [],
    appStateBytes: new TextEncoder().encode(JSON.stringify(appState)),
    initialHeight: 1n,
  });
  let height = 0;
  let lastTime = t0;
  let lastResponse: ResponseFinalizeBlock | undefined;

  async function block(txs: Uint8Array[], b: BlockOptions = {}): Promise<ExecTxResult[]> {
    height++;
    lastTime = b.timeSeconds ?? lastTime + 1n;
    lastResponse = app.finalizeBlock(
      RequestFinalizeBlock.fromPartial({
        txs,
        height: BigInt(height),
        time: { seconds: lastTime, nanos: 0 },
        proposerAddress: b.proposer,
        decidedLastCommit: b.decidedLastCommit,
        misbehavior: b.misbehavior,
      }),
    );
    await app.commit();
    assertBankInvariants();
    return lastResponse.txResults;
  }

  /** Checked after every block: supply = sum of all balances, no zero or negative balance. */
  function assertBankInvariants(): void {
    const ctx = app.readCtx(cms.lastCommitId().version);
    const bank = built.keepers.bank;
    const balances = [...bank.state.balances.iterate(ctx)].map(([[, denom], amount]) => ({ denom, amount }));
    const broken = [...totalSupplyInvariant([...bank.iterateSupply(ctx)], balances), ...nonNegativeBalancesInvariant(balances)];
    if (broken.length > 0) throw new Error(`bank invariants broken at height ${height}:\n${broken.join('\n')}`);
  }

  return {
    ...built,
    cms,
    dir,
    block,
    // synchronous here: the in-process app has no verification threads
    checkTx: (tx: Uint8Array, recheck = false) => app.checkTx({ tx, type: recheck ? CheckTxType.RECHECK : CheckTxType.NEW }) as ResponseCheckTx,
    get height() {
      return height;
    },
    /** Block time of the last block, in seconds. */
    get time() {
      return lastTime;
    },
    /** The InitChain response (validators from genesis). */
    initChain: init,
    /** The last FinalizeBlock response (events, validator updates). */
    get lastBlock() {
      return lastResponse;
    },
    async close() {
      await cms.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// --- proof-of-stake helpers: signed txs with tracked sequences, validators, queries, votes ---------

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

// cosmjs's default registry has no slashing msgs
if (!txRegistry.lookupType(MsgUnjail.typeUrl)) txRegistry.register(MsgUnjail.typeUrl, MsgUnjail);

export const FEE = { amount: [{ denom: 'uhyper', amount: '4000' }], gas: '400000' };

export function valoperOf(address: string): string {
  return validatorAddresses.encode(accountAddresses.decode(address));
}

/** A deterministic ed25519 "public key" (any 32 bytes serve: nothing verifies them in process). */
export function consKey(seed: number): Uint8Array {
  return sha256(Uint8Array.of(0xc0, seed));
}

export function consAddr(key: Uint8Array): Uint8Array {
  return sha256Truncated(key);
}

export class Signers {
  private readonly seq = new Map<string, number>();
  constructor(
    private readonly t: TestApp,
    readonly keys: TestKey[],
  ) {}

  static async create(t: TestApp, n: number, firstSeed = 1): Promise<Signers> {
    const keys = [];
    for (let i = 0; i < n; i++) keys.push(await testKey(firstSeed + i));
    return new Signers(t, keys);
  }

  async tx(i: number, msgs: EncodeObject[], fee = FEE): Promise<Uint8Array> {
    const k = this.keys[i];
    const sequence = this.seq.get(k.address) ?? 0;
    this.seq.set(k.address, sequence + 1);
    return signTx(k, msgs, { chainId: CHAIN_ID, accountNumber: i, sequence, fee });
  }

  /** Runs msgs signed by key i in their own block; throws with the log when the tx fails. */
  async run(i: number, msgs: EncodeObject[]): Promise<void> {
    const [r] = await this.t.block([await this.tx(i, msgs)]);
    if (r.code !== 0) throw new Error(`tx failed: ${r.codespace}/${r.code}: ${r.log}`);
  }

  /** Runs msgs signed by key i and returns the result (for expected failures). */
  async result(i: number, msgs: EncodeObject[]) {
    const [r] = await this.t.block([await this.tx(i, msgs)]);
    return r;
  }
}

export function msgCreateValidator(operator: string, pubkey: Uint8Array, amount: bigint, o: { rate?: string; maxRate?: string; maxChangeRate?: string; minSelf?: string; moniker?: string } = {}): EncodeObject {
  return {
    typeUrl: '/cosmos.staking.v1beta1.MsgCreateValidator',
    value: {
      description: { moniker: o.moniker ?? 'v', identity: '', website: '', securityContact: '', details: '' },
      commission: {
        rate: o.rate ?? '100000000000000000',
        maxRate: o.maxRate ?? '200000000000000000',
        maxChangeRate: o.maxChangeRate ?? '10000000000000000',
      },
      minSelfDelegation: o.minSelf ?? '1',
      delegatorAddress: '',
      validatorAddress: valoperOf(operator),
      pubkey: { typeUrl: '/cosmos.crypto.ed25519.PubKey', value: Ed25519PubKey.encode({ key: pubkey }).finish() },
      value: { denom: 'uhyper', amount: amount.toString() },
    },
  };
}

export function msgDelegate(delegator: string, valoper: string, amount: bigint): EncodeObject {
  return { typeUrl: '/cosmos.staking.v1beta1.MsgDelegate', value: { delegatorAddress: delegator, validatorAddress: valoper, amount: { denom: 'uhyper', amount: amount.toString() } } };
}

export function msgUndelegate(delegator: string, valoper: string, amount: bigint): EncodeObject {
  return { typeUrl: '/cosmos.staking.v1beta1.MsgUndelegate', value: { delegatorAddress: delegator, validatorAddress: valoper, amount: { denom: 'uhyper', amount: amount.toString() } } };
}

export function msgRedelegate(delegator: string, src: string, dst: string, amount: bigint): EncodeObject {
  return {
    typeUrl: '/cosmos.staking.v1beta1.MsgBeginRedelegate',
    value: { delegatorAddress: delegator, validatorSrcAddress: src, validatorDstAddress: dst, amount: { denom: 'uhyper', amount: amount.toString() } },
  };
}

/** Decodes an ABCI query's response; throws with the log on error. */
export function query<Req, Res>(t: TestApp, path: string, req: { encode(m: Req): { finish(): Uint8Array } }, res: { decode(b: Uint8Array): Res }, value: Req): Res {
  const r = t.app.query({ path, data: req.encode(value).finish(), height: 0n, prove: false });
  if (r.code !== 0) throw new Error(`${path}: ${r.codespace}/${r.code}: ${r.log}`);
  return res.decode(r.value);
}

/** The result code of a query (0 when it succeeds). */
export function queryCode(t: TestApp, path: string, data: Uint8Array): { code: number; codespace: string; log: string } {
  const r = t.app.query({ path, data, height: 0n, prove: false });
  return { code: r.code, codespace: r.codespace, log: r.log };
}

/** A last commit where each (key, power) voted, except those in `absent`. */
export function commit(vals: { key: Uint8Array; power: bigint }[], absent: Set<number> = new Set()): PosCommitInfo {
  return {
    round: 0,
    votes: vals.map((v, i) => ({
      validator: { address: consAddr(v.key), power: v.power },
      blockIdFlag: absent.has(i) ? BlockIDFlag.BLOCK_ID_FLAG_ABSENT : BlockIDFlag.BLOCK_ID_FLAG_COMMIT,
    })),
  };
}
