/** x/auth state, with the Cosmos SDK v0.50 prefixes (x/auth/types/keys.go). */
import { keys, Schema, values } from '../../src/store/collections';
import { Params } from 'cosmjs-types/cosmos/auth/v1beta1/auth';

export const ModuleName = 'auth';
/** The SDK's store key of x/auth. */
export const StoreKey = 'acc';
export const FeeCollectorName = 'fee_collector';

export function authState() {
  const s = new Schema(StoreKey);
  return {
    params: s.item(0, 'params', values.proto(Params)),
    /** address bytes → the account as an encoded google.protobuf.Any */
    accounts: s.map(1, 'accounts', keys.bytes, values.bytes),
    globalAccountNumber: s.sequence(2, 'global_account_number'),
    /** account number → address (the SDK's "accountNumber" index) */
    accountByNumber: s.map(new TextEncoder().encode('accountNumber'), 'account_by_number', keys.uint64, values.bytes),
  };
}
export type AuthState = ReturnType<typeof authState>;
