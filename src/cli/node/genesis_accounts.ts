/**
 * Edits the auth and bank sections of app_state: accounts with balances, and HYPER's denom
 * metadata. Works on typed GenesisState values, converted from and to the SDK's JSON.
 */
import { BaseAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import { GenesisState as AuthGenesis } from 'cosmjs-types/cosmos/auth/v1beta1/genesis';
import { Metadata } from 'cosmjs-types/cosmos/bank/v1beta1/bank';
import { GenesisState as BankGenesis } from 'cosmjs-types/cosmos/bank/v1beta1/genesis';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import { fromSdkJsonOf, toSdkJsonOf } from '../../codec/proto_json';
import { addCoins, coinsFromProto, coinsToProto, type Coins } from '../../types/coins';

export const BASE_DENOM = 'uhyper';

export const HYPER_METADATA: Metadata = Metadata.fromPartial({
  description: 'The native staking and fee token of HyperMesh',
  denomUnits: [
    { denom: 'uhyper', exponent: 0, aliases: ['microhyper'] },
    { denom: 'mhyper', exponent: 3, aliases: ['millihyper'] },
    { denom: 'hyper', exponent: 6, aliases: [] },
  ],
  base: 'uhyper',
  display: 'hyper',
  name: 'HyperMesh',
  symbol: 'HYPER',
});

export interface GenesisAccount {
  address: string;
  coins: Coins;
  /** An account value other than a plain BaseAccount (e.g. a vesting account), as an Any. */
  account?: Any;
  /** Only a balance: the account itself is a module account, created at InitChain. */
  balanceOnly?: boolean;
}

export function addGenesisAccounts(appState: Record<string, unknown>, accounts: readonly GenesisAccount[]): void {
  const auth = fromSdkJsonOf(AuthGenesis, appState.auth ?? {});
  const bank = fromSdkJsonOf(BankGenesis, appState.bank ?? {});
  const existing = new Set(bank.balances.map((b) => b.address));
  let nextNumber = BigInt(auth.accounts.length);
  for (const a of accounts) {
    if (existing.has(a.address)) throw new Error(`genesis already has an account ${a.address}`);
    existing.add(a.address);
    bank.balances.push({ address: a.address, coins: coinsToProto(a.coins) });
    if (a.balanceOnly) continue;
    auth.accounts.push(
      a.account ?? {
        typeUrl: BaseAccount.typeUrl,
        value: BaseAccount.encode(BaseAccount.fromPartial({ address: a.address, accountNumber: nextNumber })).finish(),
      },
    );
    nextNumber++;
  }
  // the supply is recomputed from balances at InitChain when left empty
  bank.supply = [];
  if (!bank.denomMetadata.some((m) => m.base === BASE_DENOM)) bank.denomMetadata.push(HYPER_METADATA);
  appState.auth = toSdkJsonOf(AuthGenesis, auth);
  appState.bank = toSdkJsonOf(BankGenesis, bank);
}

/** Sum of all genesis balances. */
export function genesisSupply(appState: Record<string, unknown>): Coins {
  const bank = fromSdkJsonOf(BankGenesis, appState.bank ?? {});
  return bank.balances.reduce<Coins>((acc, b) => addCoins(acc, coinsFromProto(b.coins)), []);
}
