/**
 * The "waiting for the tx to be included" indicator, on stderr: a cli-progress bar counting the
 * seconds against the timeout (with a spinner and the node's height) when stderr is a terminal,
 * otherwise one plain line when waiting starts and one when it ends.
 */
import { SingleBar } from 'cli-progress';

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface WaitIndicator {
  tick(elapsedMs: number, height?: string): void;
  /** Removes the bar (terminal) and prints `line` when given. */
  done(line?: string): void;
}

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function waitIndicator(stderr: ProgressStream, label: string, timeoutMs: number): WaitIndicator {
  if (stderr.isTTY !== true) {
    stderr.write(`${label}...\n`);
    return {
      tick() {},
      done(line) {
        if (line) stderr.write(line + '\n');
      },
    };
  }
  const total = Math.ceil(timeoutMs / 1000);
  let frame = 0;
  const bar = new SingleBar({
    stream: stderr as NodeJS.WritableStream,
    format: `{spinner} ${label} [{bar}] {value}s/{total}s  height {height}`,
    barsize: 20,
    hideCursor: true,
    clearOnComplete: true,
    stopOnComplete: false,
  });
  bar.start(total, 0, { spinner: SPINNER[0], height: '…' });
  return {
    tick(elapsedMs, height) {
      frame = (frame + 1) % SPINNER.length;
      bar.update(Math.min(total, Math.floor(elapsedMs / 1000)), { spinner: SPINNER[frame], ...(height ? { height } : {}) });
    },
    done(line) {
      bar.stop();
      if (line) stderr.write(line + '\n');
    },
  };
}
