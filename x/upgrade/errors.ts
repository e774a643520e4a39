/** x/upgrade's codes, as x/upgrade/types/errors.go (codespace "upgrade"). */
import { defineErrors } from '../../src/types/errors';

export const upgradeErrors = defineErrors('upgrade', {
  NoModuleVersionFound: [2, 'module version not found'],
  NoUpgradePlanFound: [3, 'upgrade plan not found'],
  NoUpgradedClientFound: [4, 'upgraded client not found'],
  NoUpgradedConsensusStateFound: [5, 'upgraded consensus state not found'],
  InvalidSigner: [6, 'expected authority account as only signer for proposal message'],
});
