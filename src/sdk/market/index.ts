/**
 * The x/market client SDK: Registry entries and Amino converters for its Msgs, Msg builders, and
 * the query extension. Compose with cosmjs's defaults:
 *
 *   const registry = new Registry([...defaultRegistryTypes, ...marketTypes]);
 *   const aminoTypes = new AminoTypes({ ...createDefaultAminoConverters(), ...createMarketAminoConverters() });
 *   const client = await SigningStargateClient.connectWithSigner(rpc, wallet, { registry, aminoTypes });
 *   await client.signAndBroadcast(addr, [placeOrderMsg({ owner: addr, denom: 'rcpu', side: 'buy', price: '10000', quantity: 5n })], fee);
 */
export * from './messages';
export * from './amino';
export * from './queries';
export * from './builders';
