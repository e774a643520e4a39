import { addressCodec } from './address';
import { addressHash, deriveAddress, moduleAddress } from './module_address';

const cosmos = addressCodec('cosmos');

describe('moduleAddress', () => {
  // Module accounts of simd as printed by `simd query auth module-accounts` in the Cosmos SDK's
  // x/auth/README.md (and the same on every SDK chain, whatever its bech32 prefix).
  test.each([
    ['fee_collector', 'cosmos17xpfvakm2amg962yls6f84z3kell8c5lserqta'],
    ['distribution', 'cosmos1jv65s3grqf6v6jl3dp4t6c9t9rk99cd88lyufl'],
    ['gov', 'cosmos10d07y265gmmuvt4z0w9aw880jnsr700j6zn9kn'],
    ['mint', 'cosmos1m3h30wlvsf8llruxtpukdvsy0km2kum8g38c8q'],
    ['bonded_tokens_pool', 'cosmos1fl48vsnmsdzcv85q5d2q4z5ajdha8yu34mf0eh'],
    ['not_bonded_tokens_pool', 'cosmos1tygms3xhhs3yv487phx3dw4a95jn7t7lpm470r'],
    ['transfer', 'cosmos1yl6hdjhmkf37639730gffanpzndzdpmhwlkfhr'],
  ])('%s = %s', (name, want) => {
    expect(cosmos.encode(moduleAddress(name))).toBe(want);
  });

  test('with derivation keys: 32 bytes, ADR-028 Hash("module", name || 0 || key)', () => {
    const key = Uint8Array.of(1, 2, 3);
    const a = moduleAddress('dao', key);
    expect(a).toHaveLength(32);
    expect(a).toEqual(addressHash('module', Uint8Array.of(...Buffer.from('dao'), 0, 1, 2, 3)));
    // "a" + key "bc" must differ from "ab" + key "c": the zero byte separates them.
    expect(moduleAddress('a', Buffer.from('bc'))).not.toEqual(moduleAddress('ab', Buffer.from('c')));
    const k2 = Uint8Array.of(9);
    expect(moduleAddress('dao', key, k2)).toEqual(deriveAddress(a, k2));
  });
});
