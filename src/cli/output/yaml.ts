/**
 * The `--output text` rendering: JSON values as readable YAML (block style, two-space indents),
 * as the Cosmos SDK's CLI prints its text output. Strings that YAML would read as something
 * else (numbers, booleans, empty, leading symbols, ": ") are double-quoted.
 */
export function toYaml(value: unknown): string {
  const lines: string[] = [];
  emit(value, 0, lines);
  return lines.join('\n') + '\n';
}

const PLAIN_UNSAFE = /^$|^[\s\-?:,[\]{}#&*!|>'"%@`~]|[\s]$|: | #|\n|\r|\t/;
const LOOKS_TYPED = /^(?:[-+]?(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|true|false|yes|no|on|off|null|~|\.inf|\.nan)$/i;

export function yamlScalar(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return LOOKS_TYPED.test(v) ? JSON.stringify(v) : PLAIN_UNSAFE.test(v) ? quote(v) : v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * As go-yaml (the SDK's text output) quotes: numbers-as-strings in double quotes ("1000"), other
 * strings that need quoting in single quotes when they can be (JSON inside YAML stays readable).
 */
function quote(v: string): string {
  return /^[^'\x00-\x1f\x7f]*$/.test(v) && v !== '' ? `'${v}'` : JSON.stringify(v);
}

function isScalar(v: unknown): boolean {
  return v === null || v === undefined || typeof v !== 'object' || isEmpty(v);
}

function isEmpty(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length === 0 : Object.keys(v).length === 0);
}

function scalarOrEmpty(v: unknown): string {
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (typeof v === 'object' && v !== null && Object.keys(v).length === 0) return '{}';
  return yamlScalar(v);
}

function key(k: string): string {
  return LOOKS_TYPED.test(k) ? JSON.stringify(k) : PLAIN_UNSAFE.test(k) ? quote(k) : k;
}

function emit(value: unknown, indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  if (isScalar(value)) {
    out.push(pad + scalarOrEmpty(value));
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isScalar(item)) {
        out.push(`${pad}- ${scalarOrEmpty(item)}`);
        continue;
      }
      // the first line of the nested block goes after the "- "
      const nested: string[] = [];
      emit(item, indent + 2, nested);
      out.push(`${pad}- ${nested[0].slice(indent + 2)}`, ...nested.slice(1));
    }
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (isScalar(v)) out.push(`${pad}${key(k)}: ${scalarOrEmpty(v)}`);
    else if (Array.isArray(v)) {
      out.push(`${pad}${key(k)}:`);
      emit(v, indent, out);
    } else {
      out.push(`${pad}${key(k)}:`);
      emit(v, indent + 2, out);
    }
  }
}
