/**
 * The governance client SDK: Registry entries and Amino converters for the gov Msgs cosmjs lacks
 * (hypermesh.gov.v1, cosmos.gov.v1 votes and deposits in Amino JSON), proposal builders, query
 * extensions. Compose with cosmjs's defaults:
 *
 *   const registry = new Registry([...defaultRegistryTypes, ...govTypes]);
 *   const aminoTypes = new AminoTypes({ ...createDefaultAminoConverters(), ...createGovAminoConverters() });
 *   const client = await SigningStargateClient.connectWithSigner(rpc, wallet, { registry, aminoTypes });
 */
export * from './messages';
export * from './amino';
export * from './queries';
