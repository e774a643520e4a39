import { packBatch, unpackBatch, type VerifyItem } from './verify_batch';

test('packBatch / unpackBatch round-trip', () => {
  const items: VerifyItem[] = [
    { algo: 'secp256k1', key: new Uint8Array(33).fill(2), message: new Uint8Array(300).fill(7), signature: new Uint8Array(64).fill(9) },
    { algo: 'ed25519', key: new Uint8Array(32).fill(1), message: new Uint8Array(0), signature: new Uint8Array(64).fill(3) },
  ];
  const back = unpackBatch(packBatch(items));
  expect(back.map((i) => ({ ...i, key: [...i.key], message: [...i.message], signature: [...i.signature] }))).toEqual(
    items.map((i) => ({ ...i, key: [...i.key], message: [...i.message], signature: [...i.signature] })),
  );
});
