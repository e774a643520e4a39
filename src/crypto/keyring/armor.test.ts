import { armorHeader, decodeArmor, encodeArmor } from './armor';
import { keyringErrors } from './errors';

const sample = {
  blockType: 'HYPERMESH PRIVATE KEY',
  headers: [
    ['kdf', 'scrypt'],
    ['type', 'secp256k1'],
  ] as Array<[string, string]>,
  data: Uint8Array.from({ length: 100 }, (_, i) => i),
};

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('ASCII armor', () => {
  test('round trip, 64-column lines, CRC-24 line', () => {
    const text = encodeArmor(sample);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('-----BEGIN HYPERMESH PRIVATE KEY-----');
    expect(lines[1]).toBe('kdf: scrypt');
    expect(lines[3]).toBe('');
    expect(lines[4]).toHaveLength(64);
    expect(lines[lines.length - 2]).toMatch(/^=[A-Za-z0-9+/]{4}$/);
    expect(decodeArmor(text)).toEqual(sample);
    expect(armorHeader(decodeArmor(text), 'TYPE')).toBe('secp256k1');
  });

  test('CRC-24 known answer (RFC 4880 CRC of the empty string is the init value 0xB704CE)', () => {
    const text = encodeArmor({ ...sample, data: new Uint8Array() });
    expect(text).toContain('\n=twTO\n');
  });

  test('CRLF line ends and surrounding whitespace are accepted', () => {
    const text = '\n  ' + encodeArmor(sample).replace(/\n/g, '\r\n') + '\r\n\r\n';
    expect(decodeArmor(text).data).toEqual(sample.data);
  });

  const good = encodeArmor(sample);
  const dataLine = good.split('\n')[4]!;
  test.each([
    ['altered data', good.replace(dataLine, (dataLine[0] === 'A' ? 'B' : 'A') + dataLine.slice(1)), 'checksum mismatch'],
    ['truncated', good.split('\n').filter((_, i) => i !== 5).join('\n'), 'checksum mismatch'],
    ['no BEGIN', good.split('\n').slice(1).join('\n'), 'BEGIN'],
    ['no END', good.replace('-----END HYPERMESH PRIVATE KEY-----', ''), 'END'],
    ['no checksum', good.replace(/\n=.*\n/, '\n'), 'checksum'],
    ['no blank line', good.replace('type: secp256k1\n\n', 'type: secp256k1\n'), 'blank line'],
    ['bad header', good.replace('kdf: scrypt', 'kdf scrypt'), 'bad header'],
    ['not base64', good.replace(dataLine, '!' + dataLine.slice(1)), 'base64'],
  ])('rejects %s with keyring/8', (_name, text, detail) => {
    const e = thrown(() => decodeArmor(text));
    expect(keyringErrors.InvalidArmor.is(e)).toBe(true);
    expect(e.message).toContain(detail);
  });

  test('a missing header is keyring/8', () => {
    expect(keyringErrors.InvalidArmor.is(thrown(() => armorHeader(decodeArmor(good), 'salt')))).toBe(true);
  });
});
