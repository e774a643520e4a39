/** x/staking events, with the Cosmos SDK's names and attributes (x/staking/types/events.go). */
import { abciEvent } from '../../src/types/events';

export const createValidator = (validator: string, amount: string) => abciEvent('create_validator', { validator, amount });
export const editValidator = (commissionRate: string, minSelfDelegation: string) =>
  abciEvent('edit_validator', { commission_rate: commissionRate, min_self_delegation: minSelfDelegation });
export const delegate = (validator: string, delegator: string, amount: string, newShares: string) =>
  abciEvent('delegate', { validator, delegator, amount, new_shares: newShares });
export const unbond = (validator: string, delegator: string, amount: string, completionTime: string) =>
  abciEvent('unbond', { validator, delegator, amount, completion_time: completionTime });
export const redelegate = (source: string, destination: string, amount: string, completionTime: string) =>
  abciEvent('redelegate', { source_validator: source, destination_validator: destination, amount, completion_time: completionTime });
export const cancelUnbondingDelegation = (amount: string, validator: string, delegator: string, creationHeight: string) =>
  abciEvent('cancel_unbonding_delegation', { amount, validator, delegator, creation_height: creationHeight });
export const completeUnbonding = (amount: string, validator: string, delegator: string) =>
  abciEvent('complete_unbonding', { amount, validator, delegator });
export const completeRedelegation = (amount: string, delegator: string, source: string, destination: string) =>
  abciEvent('complete_redelegation', { amount, delegator, source_validator: source, destination_validator: destination });
