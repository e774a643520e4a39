/**
 * Commander's usage errors ("unknown option", "missing required argument", ...) as one line on
 * stderr, like every other error: "Error: unknown option '--fee' (run with --help for usage)".
 */
export function formatUsageError(message: string): string {
  let text = message.replace(/^error:\s*/i, '').replace(/\s*\n\s*/g, ' ').trim();
  const negative = /^unknown option '(-\d[^']*)'/.exec(text);
  if (negative) {
    text = `unknown option '${negative[1]}': an argument starting with "-" is read as an option; amounts cannot be negative (e.g. 1000uhyper)`;
  }
  return `Error: ${text} (run with --help for usage)\n`;
}
