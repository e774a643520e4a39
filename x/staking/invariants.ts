/**
 * x/staking invariants (the SDK's ModuleAccountInvariants, DelegatorSharesInvariant and
 * PositiveDelegationInvariant) as pure functions over a snapshot that can come from the keeper or
 * from a node's queries. Each returns the broken ones as messages; [] means all hold.
 */
import { BondStatus, type Delegation, type UnbondingDelegation, type Validator } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import { Dec } from '../../src/types/dec';

export interface StakingSnapshot {
  validators: readonly Validator[];
  delegations: readonly Delegation[];
  unbondingDelegations: readonly UnbondingDelegation[];
  /** Balances of the bond denom held by the two pool module accounts. */
  bondedPoolBalance: bigint;
  notBondedPoolBalance: bigint;
}

/** bonded pool = Σ tokens of bonded validators; not-bonded pool = Σ tokens of the others + Σ unbonding entries. */
export function poolsInvariant(s: StakingSnapshot): string[] {
  let bonded = 0n;
  let notBonded = 0n;
  for (const v of s.validators) {
    if (v.status === BondStatus.BOND_STATUS_BONDED) bonded += BigInt(v.tokens);
    else notBonded += BigInt(v.tokens);
  }
  for (const ubd of s.unbondingDelegations) for (const e of ubd.entries) notBonded += BigInt(e.balance);
  const out: string[] = [];
  if (bonded !== s.bondedPoolBalance) out.push(`bonded pool holds ${s.bondedPoolBalance}, bonded validators' tokens sum to ${bonded}`);
  if (notBonded !== s.notBondedPoolBalance) {
    out.push(`not-bonded pool holds ${s.notBondedPoolBalance}, unbonding/unbonded validators' tokens and unbonding delegations sum to ${notBonded}`);
  }
  return out;
}

/** For each validator, Σ shares of its delegations = its delegator_shares. */
export function delegatorSharesInvariant(s: StakingSnapshot): string[] {
  const sums = new Map<string, Dec>();
  for (const d of s.delegations) sums.set(d.validatorAddress, (sums.get(d.validatorAddress) ?? Dec.ZERO).add(Dec.fromProto(d.shares)));
  const out: string[] = [];
  for (const v of s.validators) {
    const sum = sums.get(v.operatorAddress) ?? Dec.ZERO;
    if (!sum.eq(Dec.fromProto(v.delegatorShares))) {
      out.push(`validator ${v.operatorAddress}: delegator_shares ${Dec.fromProto(v.delegatorShares)} != sum of delegation shares ${sum}`);
    }
  }
  return out;
}

/** Every stored delegation has positive shares. */
export function positiveDelegationInvariant(s: StakingSnapshot): string[] {
  return s.delegations
    .filter((d) => !Dec.fromProto(d.shares).isPositive())
    .map((d) => `delegation ${d.delegatorAddress} → ${d.validatorAddress} has non-positive shares ${Dec.fromProto(d.shares)}`);
}

export function stakingInvariants(s: StakingSnapshot): string[] {
  return [...poolsInvariant(s), ...delegatorSharesInvariant(s), ...positiveDelegationInvariant(s)];
}
