/** The parts of x/staking that x/slashing calls. */
import type { Delegation, Validator } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import type { AddressCodec } from '../../src/crypto/address';
import type { Context } from '../../src/types/context';
import type { Dec } from '../../src/types/dec';

export interface StakingKeeper {
  readonly validatorAddressCodec: AddressCodec;
  readonly consensusAddressCodec: AddressCodec;
  getValidator(ctx: Context, valAddr: Uint8Array): Validator | undefined;
  getValidatorByConsAddr(ctx: Context, consAddr: Uint8Array): Validator | undefined;
  getDelegation(ctx: Context, del: Uint8Array, val: Uint8Array): Delegation | undefined;
  /** Burns `fraction` of the stake behind `power` at `infractionHeight`; returns the tokens burned. */
  slash(ctx: Context, consAddr: Uint8Array, infractionHeight: bigint, power: bigint, fraction: Dec): bigint;
  jail(ctx: Context, consAddr: Uint8Array): void;
  unjail(ctx: Context, consAddr: Uint8Array): void;
  /** The CometBFT power the validator's stake stands for now, bonded or not. */
  potentialCometPower(ctx: Context, v: Validator): bigint;
}
