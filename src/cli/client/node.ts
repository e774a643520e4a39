/**
 * A connection to a node for one command: where it is (--node, else the RPC address in the home's
 * config.toml, else http://127.0.0.1:26657), which chain it runs, and the queries a tx needs
 * (account number and sequence, spendable balances, simulation).
 */
import fs from 'node:fs';
import { QueryClientImpl as AuthQuery } from 'cosmjs-types/cosmos/auth/v1beta1/query';
import { QueryClientImpl as BankQuery } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { SimulateRequest, SimulateResponse } from 'cosmjs-types/cosmos/tx/v1beta1/service';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import { baseAccountType, moduleAccountType, type AccountType } from '../../../x/auth/account';
import { vestingAccountTypes } from '../../../x/vesting/vesting_accounts';
import { decodePubKey, type PubKey } from '../../crypto/pubkey';
import { coinsFromProto, type Coins } from '../../types/coins';
import { sdk } from '../../types/errors';
import { homePaths } from '../node/home';
import { cometRpcAddress } from '../node/run_node';
import { AbciRpc } from './abci_rpc';
import { CliError } from './errors';
import { CometRpc, DEFAULT_NODE, normalizeNodeUrl } from './rpc';

export const SIMULATE_PATH = '/cosmos.tx.v1beta1.Service/Simulate';
const ACCOUNT_TYPES: readonly AccountType[] = [baseAccountType, moduleAccountType, ...vestingAccountTypes];

/** --node, else the home's config.toml [rpc] laddr, else http://127.0.0.1:26657. */
export function resolveNodeUrl(node: string | undefined, home: string | undefined): string {
  if (node !== undefined && node !== '') return normalizeNodeUrl(node);
  if (home) {
    try {
      const toml = fs.readFileSync(homePaths(home).cometConfig, 'utf8');
      return normalizeNodeUrl(cometRpcAddress(toml));
    } catch {
      // no home config: the default
    }
  }
  return DEFAULT_NODE;
}

export interface OnChainAccount {
  readonly address: string;
  readonly accountNumber: bigint;
  readonly sequence: bigint;
  readonly pubkey?: PubKey;
}

/** Account number, sequence and public key of any account type the chain stores. */
export function accountOf(any: Any): OnChainAccount {
  const type = ACCOUNT_TYPES.find((t) => t.codec.typeUrl === any.typeUrl);
  if (!type) throw new CliError(`the node returned an account of unknown type ${any.typeUrl}`);
  const base = type.base(type.codec.decode(any.value));
  let pubkey: PubKey | undefined;
  if (base.pubKey) {
    try {
      pubkey = decodePubKey(base.pubKey);
    } catch {
      pubkey = undefined; // e.g. a multisig key: not ours to sign with
    }
  }
  return { address: base.address, accountNumber: base.accountNumber, sequence: base.sequence, pubkey };
}

export class NodeClient {
  readonly rpc: CometRpc;
  private chainIdPromise?: Promise<string>;

  constructor(readonly url: string) {
    this.rpc = new CometRpc(url);
  }

  /** A protobuf RPC (for cosmjs-types QueryClientImpl) reading state at `height` (latest when undefined). */
  abci(height?: bigint): AbciRpc {
    return new AbciRpc(this.rpc, height);
  }

  auth(height?: bigint): AuthQuery {
    return new AuthQuery(this.abci(height));
  }

  bank(height?: bigint): BankQuery {
    return new BankQuery(this.abci(height));
  }

  chainId(): Promise<string> {
    this.chainIdPromise ??= this.rpc.status().then((s) => s.node_info.network);
    return this.chainIdPromise;
  }

  /** The node's chain id; "chain id mismatch: node is X, --chain-id says Y" when `expected` differs. */
  async checkChainId(expected: string | undefined): Promise<string> {
    const actual = await this.chainId();
    if (expected !== undefined && expected !== actual) {
      throw new CliError(`chain id mismatch: node is ${actual}, --chain-id says ${expected}`);
    }
    return actual;
  }

  /** The account, or undefined when the chain has never seen the address. */
  async account(address: string): Promise<OnChainAccount | undefined> {
    try {
      const res = await this.auth().Account({ address });
      return res.account ? accountOf(res.account) : undefined;
    } catch (e) {
      if (sdk.KeyNotFound.is(e) || sdk.NotFound.is(e)) return undefined;
      throw e;
    }
  }

  /** Every spendable coin of `address` (locked vesting coins excluded). */
  async spendable(address: string): Promise<Coins> {
    const out: { denom: string; amount: string }[] = [];
    let key: Uint8Array | undefined;
    for (;;) {
      const res = await this.bank().SpendableBalances({ address, pagination: key ? { key, offset: 0n, limit: 200n, countTotal: false, reverse: false } : undefined });
      out.push(...res.balances);
      key = res.pagination?.nextKey;
      if (!key || key.length === 0) break;
    }
    return coinsFromProto(out.filter((c) => c.amount !== '0'));
  }

  /** Gas used by the tx, run on the node's check state without signature checks. */
  async simulate(txBytes: Uint8Array): Promise<bigint> {
    const bytes = await this.abci().query(SIMULATE_PATH, SimulateRequest.encode(SimulateRequest.fromPartial({ txBytes })).finish());
    return SimulateResponse.decode(bytes).gasInfo?.gasUsed ?? 0n;
  }
}
