/** x/ibc names: the store key and module name ibc-go uses (the Merkle prefix of proofs is "ibc"). */
export const ModuleName = 'ibc';
export const StoreKey = 'ibc';
/** Values of the `module` attribute of the message events ibc-go emits. */
export const CLIENT_MODULE = 'ibc_client';
export const CONNECTION_MODULE = 'ibc_connection';
export const CHANNEL_MODULE = 'ibc_channel';
