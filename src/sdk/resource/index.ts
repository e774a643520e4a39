/**
 * The x/resource client SDK: Registry entries and Amino converters for its Msgs, the query
 * extension, and the node agent's signing helpers. Compose with cosmjs's defaults:
 *
 *   const registry = new Registry([...defaultRegistryTypes, ...resourceTypes]);
 *   const aminoTypes = new AminoTypes({ ...createDefaultAminoConverters(), ...createResourceAminoConverters() });
 *   const client = await SigningStargateClient.connectWithSigner(rpc, wallet, { registry, aminoTypes });
 */
export * from './messages';
export * from './amino';
export * from './queries';
export * from './node_agent';
