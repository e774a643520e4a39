/**
 * The x/paych client SDK: vouchers (sign, verify, encode), Registry entries and Amino converters
 * for its Msgs, and the query extension.
 *
 *   const registry = new Registry([...defaultRegistryTypes, ...paychTypes]);
 *   const aminoTypes = new AminoTypes({ ...createDefaultAminoConverters(), ...createPaychAminoConverters() });
 */
export * from './voucher';
export * from './messages';
export * from './amino';
export * from './queries';
