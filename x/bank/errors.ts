/** x/bank's own codes, as x/bank/types/errors.go. */
import { defineErrors } from '../../src/types/errors';

export const bankErrors = defineErrors('bank', {
  NoInputs: [2, 'no inputs to send transaction'],
  NoOutputs: [3, 'no outputs to send transaction'],
  InputOutputMismatch: [4, 'sum inputs != sum outputs'],
  SendDisabled: [5, 'send transactions are disabled'],
  DenomMetadataNotFound: [6, 'client denom metadata not found'],
  InvalidKey: [7, 'invalid key'],
  DuplicateEntry: [8, 'duplicate entry'],
  MultipleSenders: [9, 'multiple senders not allowed'],
});
