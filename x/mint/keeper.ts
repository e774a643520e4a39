/**
 * MintKeeper: the minter and params, and the BeginBlock that mints each block's provision into the
 * fee collector (the SDK's DefaultMintFn), from where x/distribution shares it out.
 */
import type { Minter, Params } from 'cosmjs-types/cosmos/mint/v1beta1/mint';
import type { Context } from '../../src/types/context';
import { Dec } from '../../src/types/dec';
import * as events from './events';
import type { AccountKeeper, BankKeeper, StakingKeeper } from './expected_keepers';
import { mintState, ModuleName } from './keys';
import { blockProvision, nextAnnualProvisions, nextInflationRate } from './minter';

export interface MintKeeperDeps {
  accounts: AccountKeeper;
  bank: BankKeeper;
  staking: StakingKeeper;
  feeCollectorName: string;
  authority: string;
}

export class MintKeeper {
  readonly state = mintState();
  constructor(readonly deps: MintKeeperDeps) {}

  params(ctx: Context): Params {
    return this.state.params.must(ctx);
  }
  setParams(ctx: Context, p: Params): void {
    this.state.params.set(ctx, p);
  }
  minter(ctx: Context): Minter {
    return this.state.minter.must(ctx);
  }
  setMinter(ctx: Context, m: Minter): void {
    this.state.minter.set(ctx, m);
  }

  /** BeginBlock: new inflation and annual provisions, this block's provision minted to the fee collector. */
  beginBlock(ctx: Context): bigint {
    const params = this.params(ctx);
    let minter = this.minter(ctx);
    const supply = this.deps.staking.stakingTokenSupply(ctx);
    const bondedRatio = this.deps.staking.bondedRatio(ctx);
    minter = { ...minter, inflation: nextInflationRate(minter, params, bondedRatio).toProto() };
    minter = { ...minter, annualProvisions: nextAnnualProvisions(minter, supply).toProto() };
    this.setMinter(ctx, minter);
    const amount = blockProvision(minter, params);
    if (amount > 0n) {
      const coins = [{ denom: params.mintDenom, amount }];
      this.deps.bank.mintCoins(ctx, ModuleName, coins);
      this.deps.bank.sendFromModuleToModule(ctx, ModuleName, this.deps.feeCollectorName, coins);
    }
    ctx.events.emit(events.mint(bondedRatio, Dec.fromProto(minter.inflation), Dec.fromProto(minter.annualProvisions), amount));
    return amount;
  }
}
