/** x/slashing's own codes, as x/slashing/types/errors.go (codespace "slashing"). */
import { defineErrors } from '../../src/types/errors';

export const slashingErrors = defineErrors('slashing', {
  NoValidatorForAddress: [2, 'address is not associated with any known validator'],
  BadValidatorAddr: [3, 'validator does not exist for that address'],
  ValidatorJailed: [4, 'validator still jailed; cannot be unjailed'],
  ValidatorNotJailed: [5, 'validator not jailed; cannot be unjailed'],
  MissingSelfDelegation: [6, 'validator has no self-delegation; cannot be unjailed'],
  SelfDelegationTooLowToUnjail: [7, "validator's self delegation less than minimum; cannot be unjailed"],
  NoSigningInfoFound: [8, 'no validator signing info found'],
  ValidatorTombstoned: [9, 'validator already tombstoned'],
});
