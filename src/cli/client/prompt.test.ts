import { PassThrough } from 'node:stream';
import { createPrompter, LineReader, type CliIo } from './prompt';

function io(stdin: PassThrough): CliIo & { err: () => string } {
  let err = '';
  const stderr = Object.assign(new PassThrough(), { isTTY: false });
  stderr.on('data', (d) => (err += String(d)));
  return { stdin, stdout: new PassThrough(), stderr, err: () => err };
}

describe('LineReader', () => {
  test('hands out lines on demand, across chunks, with \\r\\n and a last unterminated line', async () => {
    const s = new PassThrough();
    const r = new LineReader(s);
    s.write('pass');
    s.write('word1\r\nsecond\n');
    s.end('last');
    expect(await r.next()).toBe('password1');
    expect(await r.next()).toBe('second');
    expect(await r.next()).toBe('last');
    expect(await r.next()).toBeUndefined();
    expect(r.count).toBe(3);
  });

  test('waits for a line that has not arrived yet, then pauses the stream', async () => {
    const s = new PassThrough();
    const r = new LineReader(s);
    const p = r.next();
    setTimeout(() => s.write('late\nextra\n'), 5);
    expect(await p).toBe('late');
    expect(s.isPaused()).toBe(true);
    expect(await r.next()).toBe('extra');
  });

  test('an empty line is an answer (an empty passphrase), EOF is not', async () => {
    const s = new PassThrough();
    const r = new LineReader(s);
    s.end('\n');
    expect(await r.next()).toBe('');
    expect(await r.next()).toBeUndefined();
  });
});

describe('createPrompter without a terminal', () => {
  test('reads one line per prompt and prints no prompt', async () => {
    const stdin = new PassThrough();
    const x = io(stdin);
    const p = createPrompter(x);
    expect(p.interactive).toBe(false);
    stdin.end('one\ntwo\n');
    expect(await p.secret('Passphrase: ', 'the passphrase')).toBe('one');
    expect(await p.line('Mnemonic: ', 'the mnemonic')).toBe('two');
    await expect(p.secret('Again: ', 'the passphrase again')).rejects.toThrow(
      'expected the passphrase again on line 3 of stdin, but stdin ended (stdin is not a terminal, so each prompt reads one line)',
    );
    expect(x.err()).toBe('');
  });

  test('confirm refuses: scripts must say --yes', async () => {
    const p = createPrompter(io(new PassThrough()));
    await expect(p.confirm('Sure?', 'refusing without --yes')).rejects.toThrow('refusing without --yes');
  });
});
