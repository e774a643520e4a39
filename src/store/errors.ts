/**
 * Errors of the store codespace, with the codes of Cosmos SDK v0.50 store/types/errors.go
 * (cosmossdk.io/store), which rootmulti and the IAVL store return from ABCI queries.
 * Height errors use the root codes (sdk.InvalidHeight), as baseapp does.
 */
import { defineErrors } from '../types/errors';

export const STORE_CODESPACE = 'store';

export const storeErrors = defineErrors(STORE_CODESPACE, {
  InvalidProof: [2, 'invalid proof'],
  TxDecode: [3, 'tx parse error'],
  UnknownRequest: [4, 'unknown request'],
  Logic: [5, 'internal logic error'],
  Conflict: [6, 'conflict'],
  InvalidRequest: [7, 'invalid request'],
});
