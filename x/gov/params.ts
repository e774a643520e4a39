/**
 * x/gov params (cosmos.gov.v1.Params): the SDK's defaults (x/gov/types/v1/params.go) with the
 * chain's bond denom, and its ValidateBasic. Dec params are plain decimal strings on this wire
 * ("0.334000000000000000"), not the scaled integers of LegacyDec customtypes.
 */
import { Params } from 'cosmjs-types/cosmos/gov/v1/gov';
import type { Coin as ProtoCoin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import type { AddressCodec } from '../../src/crypto/address';
import { coinsFromProto, isAllGTE, type Coins } from '../../src/types/coins';
import { Dec } from '../../src/types/dec';
import { sdk } from '../../src/types/errors';
import { nsFromDuration } from './time';

export const BOND_DENOM = 'uhyper';
const DAY_S = 86_400n;

export const DEFAULT_PARAMS: Params = Params.fromPartial({
  minDeposit: [{ denom: BOND_DENOM, amount: '10000000' }],
  maxDepositPeriod: { seconds: 2n * DAY_S, nanos: 0 },
  votingPeriod: { seconds: 2n * DAY_S, nanos: 0 },
  quorum: '0.334000000000000000',
  threshold: '0.500000000000000000',
  vetoThreshold: '0.334000000000000000',
  minInitialDepositRatio: '0.000000000000000000',
  proposalCancelRatio: '0.500000000000000000',
  proposalCancelDest: '',
  expeditedVotingPeriod: { seconds: DAY_S, nanos: 0 },
  expeditedThreshold: '0.667000000000000000',
  expeditedMinDeposit: [{ denom: BOND_DENOM, amount: '50000000' }],
  burnVoteQuorum: false,
  burnProposalDepositPrevote: false,
  burnVoteVeto: true,
  minDepositRatio: '0.010000000000000000',
});

/** A Dec param as text; sdk/18 naming the param when it does not parse. */
export function decParam(name: string, s: string): Dec {
  try {
    return Dec.fromString(s);
  } catch {
    throw sdk.InvalidRequest(`invalid ${name} string: ${JSON.stringify(s)}`);
  }
}

function coinsParam(name: string, list: readonly ProtoCoin[]): Coins {
  let coins: Coins;
  try {
    coins = coinsFromProto(list, { allowEmpty: false });
  } catch (e) {
    throw sdk.InvalidRequest(`invalid ${name}: ${(e as Error).message}`);
  }
  return coins;
}

/** The SDK's Params.ValidateBasic; every failure is sdk/18 with the SDK's wording. */
export function validateParams(p: Params, addrs: AddressCodec): void {
  const minDeposit = coinsParam('minimum deposit', p.minDeposit);
  const expedited = coinsParam('expedited minimum deposit', p.expeditedMinDeposit);
  // IsAllLTE: every denom of expedited ≤ the regular deposit
  if (isAllGTE(minDeposit, expedited)) {
    throw sdk.InvalidRequest('expedited minimum deposit must be greater than minimum deposit');
  }
  if (!p.maxDepositPeriod || nsFromDuration(p.maxDepositPeriod) <= 0n) throw sdk.InvalidRequest('maximum deposit period must be positive');

  const quorum = decParam('quorum', p.quorum);
  if (quorum.isNegative()) throw sdk.InvalidRequest(`quorom cannot be negative: ${quorum}`);
  if (quorum.gt(Dec.ONE)) throw sdk.InvalidRequest(`quorom too large: ${p.quorum}`);

  const threshold = decParam('threshold', p.threshold);
  if (!threshold.isPositive()) throw sdk.InvalidRequest(`vote threshold must be positive: ${threshold}`);
  if (threshold.gt(Dec.ONE)) throw sdk.InvalidRequest(`vote threshold too large: ${threshold}`);

  const expeditedThreshold = decParam('expedited threshold', p.expeditedThreshold);
  if (!expeditedThreshold.isPositive()) throw sdk.InvalidRequest(`expedited vote threshold must be positive: ${expeditedThreshold}`);
  if (expeditedThreshold.gt(Dec.ONE)) throw sdk.InvalidRequest(`expedited vote threshold too large: ${expeditedThreshold}`);
  if (expeditedThreshold.lte(threshold)) {
    throw sdk.InvalidRequest(`expedited vote threshold ${expeditedThreshold}, must be greater than the regular threshold ${threshold}`);
  }

  const veto = decParam('vetoThreshold', p.vetoThreshold);
  if (!veto.isPositive()) throw sdk.InvalidRequest(`veto threshold must be positive: ${veto}`);
  if (veto.gt(Dec.ONE)) throw sdk.InvalidRequest(`veto threshold too large: ${veto}`);

  const voting = nsFromDuration(p.votingPeriod);
  if (!p.votingPeriod || voting <= 0n) throw sdk.InvalidRequest('voting period must be positive');
  const expeditedVoting = nsFromDuration(p.expeditedVotingPeriod);
  if (!p.expeditedVotingPeriod || expeditedVoting <= 0n) throw sdk.InvalidRequest('expedited voting period must be positive');
  if (expeditedVoting >= voting) {
    throw sdk.InvalidRequest('expedited voting period must be strictly less that the regular voting period');
  }

  const minInitial = decParam('mininum initial deposit ratio', p.minInitialDepositRatio);
  if (minInitial.isNegative()) throw sdk.InvalidRequest(`mininum initial deposit ratio of proposal must be positive: ${minInitial}`);
  if (minInitial.gt(Dec.ONE)) throw sdk.InvalidRequest(`mininum initial deposit ratio of proposal is too large: ${minInitial}`);

  const cancel = decParam('burn rate of cancel proposal', p.proposalCancelRatio);
  if (cancel.isNegative()) throw sdk.InvalidRequest(`burn rate of cancel proposal must be positive: ${cancel}`);
  if (cancel.gt(Dec.ONE)) throw sdk.InvalidRequest(`burn rate of cancel proposal is too large: ${cancel}`);

  if (p.proposalCancelDest !== '' && !addrs.isValid(p.proposalCancelDest)) {
    throw sdk.InvalidRequest(`deposits destination address is invalid: ${p.proposalCancelDest}`);
  }

  // v0.50 added min_deposit_ratio without a check; an out-of-range value would reject every deposit
  const minDepositRatio = decParam('min deposit ratio', p.minDepositRatio);
  if (minDepositRatio.isNegative() || minDepositRatio.gt(Dec.ONE)) throw sdk.InvalidRequest(`min deposit ratio must be within [0, 1]: ${minDepositRatio}`);
}
