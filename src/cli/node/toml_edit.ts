/**
 * Sets keys in CometBFT's config.toml in place, keeping its comments and layout: a line-based
 * edit of `key = value` inside a `[section]` (or before the first section for the top level).
 */
export type TomlScalar = string | number | boolean;

function render(v: TomlScalar): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

export function setTomlValue(text: string, section: string, key: string, value: TomlScalar): string {
  const lines = text.split('\n');
  let current = '';
  for (let i = 0; i < lines.length; i++) {
    const s = /^\s*\[([^\]]+)\]\s*$/.exec(lines[i]);
    if (s) {
      current = s[1].trim();
      continue;
    }
    if (current === section && new RegExp(`^\\s*${key.replace(/[.]/g, '\\.')}\\s*=`).test(lines[i])) {
      lines[i] = `${key} = ${render(value)}`;
      return lines.join('\n');
    }
  }
  throw new Error(`config.toml has no key ${section ? `[${section}] ` : ''}${key}`);
}

export function setTomlValues(text: string, values: Record<string, Record<string, TomlScalar>>): string {
  let out = text;
  for (const [section, kv] of Object.entries(values)) {
    for (const [k, v] of Object.entries(kv)) out = setTomlValue(out, section, k, v);
  }
  return out;
}
