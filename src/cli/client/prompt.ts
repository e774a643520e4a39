/**
 * Asking the user: passphrases (hidden), a mnemonic, a y/N confirmation. On a terminal the prompt
 * goes to stderr and the input is read from it (passphrases without echo); when stdin is not a
 * terminal (scripts, CI) each answer is the next line of stdin, as the SDK's `--keyring-backend
 * file` reads them, and nothing is printed.
 */
import * as readline from 'node:readline';
import type { Readable } from 'node:stream';
import { CliError } from './errors';

export interface CliIo {
  readonly stdin: Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export const processIo = (): CliIo => ({ stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });

export interface Prompter {
  /** True when answers come from a person at a terminal. */
  readonly interactive: boolean;
  /** A secret: hidden on a terminal, else the next line of stdin. `what` names it in errors. */
  secret(prompt: string, what: string): Promise<string>;
  /** A visible answer (a mnemonic): on a terminal, else the next line of stdin. */
  line(prompt: string, what: string): Promise<string>;
  /** y/N on a terminal; without a terminal, throws `refusal`: scripts must say --yes. */
  confirm(question: string, refusal: string): Promise<boolean>;
}

export function createPrompter(io: CliIo): Prompter {
  const interactive = io.stdin.isTTY === true && typeof io.stdin.setRawMode === 'function';
  const lines = interactive ? undefined : new LineReader(io.stdin);
  const fromStdin = async (what: string): Promise<string> => {
    const line = await lines!.next();
    if (line === undefined) {
      throw new CliError(`expected ${what} on line ${lines!.count + 1} of stdin, but stdin ended (stdin is not a terminal, so each prompt reads one line)`);
    }
    return line;
  };
  return {
    interactive,
    secret: (prompt, what) => (interactive ? readHidden(io, prompt) : fromStdin(what)),
    line: (prompt, what) => (interactive ? readVisible(io, prompt) : fromStdin(what)),
    async confirm(question, refusal) {
      if (!interactive) throw new CliError(refusal);
      const answer = await readVisible(io, `${question} [y/N]: `);
      return /^y(es)?$/i.test(answer.trim());
    },
  };
}

/**
 * Lines of a stream, read on demand. The stream is paused whenever nobody waits for a line, so a
 * process whose stdin is never closed can still exit.
 */
export class LineReader {
  private buffer = '';
  private ended = false;
  private readonly waiting: ((line: string | undefined) => void)[] = [];
  private listening = false;
  /** Lines handed out so far. */
  count = 0;

  constructor(private readonly stream: Readable) {
    // 'end' can come while no line is wanted (the stream paused): listen for it all along.
    if (stream.readableEnded) this.ended = true;
    else stream.once('end', this.onEnd);
  }

  next(): Promise<string | undefined> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.drain();
      if (this.waiting.length > 0) this.listen();
    });
  }

  private readonly onData = (chunk: Buffer | string): void => {
    this.buffer += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    this.drain();
  };

  private readonly onEnd = (): void => {
    this.ended = true;
    this.drain();
  };

  private listen(): void {
    if (this.listening || this.ended) return;
    this.listening = true;
    this.stream.on('data', this.onData);
    this.stream.resume();
    handleOf(this.stream)?.ref();
  }

  private drain(): void {
    while (this.waiting.length > 0) {
      const nl = this.buffer.indexOf('\n');
      let line: string | undefined;
      if (nl !== -1) {
        line = this.buffer.slice(0, nl).replace(/\r$/, '');
        this.buffer = this.buffer.slice(nl + 1);
      } else if (this.ended) {
        line = this.buffer === '' ? undefined : this.buffer.replace(/\r$/, '');
        this.buffer = '';
      } else break;
      if (line !== undefined) this.count++;
      this.waiting.shift()!(line);
    }
    if (this.waiting.length === 0 && this.listening) {
      this.listening = false;
      this.stream.off('data', this.onData);
      this.stream.pause();
      // A paused pipe still reads (and keeps the process alive) unless its handle is unref'd.
      handleOf(this.stream)?.unref();
    }
  }
}

/** The ref/unref of a socket or pipe stream (process.stdin on a pipe); none for other streams. */
function handleOf(stream: Readable): { ref(): void; unref(): void } | undefined {
  const s = stream as Readable & { ref?: () => void; unref?: () => void };
  return typeof s.ref === 'function' && typeof s.unref === 'function' ? { ref: () => s.ref!(), unref: () => s.unref!() } : undefined;
}

/** Reads a line on a raw-mode terminal without echoing it. Ctrl-C cancels. */
function readHidden(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin;
  io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (err?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode!(false);
      stdin.pause();
      io.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new CliError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.setRawMode!(true);
    stdin.on('data', onData);
    stdin.resume();
  });
}

function readVisible(io: CliIo, prompt: string): Promise<string> {
  const rl = readline.createInterface({ input: io.stdin, output: io.stderr, terminal: true });
  return new Promise((resolve, reject) => {
    let answered = false;
    rl.once('SIGINT', () => {
      rl.close();
      reject(new CliError('cancelled'));
    });
    rl.question(prompt, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
    rl.once('close', () => {
      if (!answered) reject(new CliError('cancelled'));
    });
  });
}
