/** x/distribution events, with the Cosmos SDK's names and attributes (x/distribution/types/events.go). */
import { abciEvent } from '../../src/types/events';

export const setWithdrawAddress = (withdrawAddress: string) => abciEvent('set_withdraw_address', { withdraw_address: withdrawAddress });
/** Rewards (commission included) allocated to a validator in BeginBlock. */
export const rewards = (amount: string, validator: string) => abciEvent('rewards', { amount, validator });
export const commission = (amount: string, validator: string) => abciEvent('commission', { amount, validator });
export const withdrawRewards = (amount: string, validator: string, delegator: string) => abciEvent('withdraw_rewards', { amount, validator, delegator });
export const withdrawCommission = (amount: string) => abciEvent('withdraw_commission', { amount });
