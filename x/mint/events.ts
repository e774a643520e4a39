/** x/mint events, with the Cosmos SDK's names and attributes (x/mint/types/events.go). */
import type { Dec } from '../../src/types/dec';
import { abciEvent } from '../../src/types/events';

export const mint = (bondedRatio: Dec, inflation: Dec, annualProvisions: Dec, amount: bigint) =>
  abciEvent('mint', {
    bonded_ratio: bondedRatio.toString(),
    inflation: inflation.toString(),
    annual_provisions: annualProvisions.toString(),
    amount: amount.toString(),
  });
