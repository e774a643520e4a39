/** Display helpers: amounts, times, hashes. */

export const DENOM = 'uhyper';
const DISPLAY = 'HYPER';

/** "1234567" uhyper → "1.234567 HYPER"; other denoms as they are. */
export function fmtAmount(amount: string, denom = DENOM): string {
  if (denom !== DENOM) return `${fmtInt(amount)} ${denom}`;
  const neg = amount.startsWith('-');
  const digits = (neg ? amount.slice(1) : amount).padStart(7, '0');
  const whole = digits.slice(0, -6).replace(/^0+(?=\d)/, '');
  const frac = digits.slice(-6).replace(/0+$/, '');
  return `${neg ? '-' : ''}${fmtInt(whole)}${frac ? '.' + frac : ''} ${DISPLAY}`;
}

/** "2000uhyper,5rcpu" → "0.002 HYPER, 5 rcpu". */
export function fmtCoins(coins: string): string {
  if (!coins) return '—';
  return coins
    .split(',')
    .map((c) => {
      const m = /^(\d+)(.+)$/.exec(c.trim());
      return m ? fmtAmount(m[1], m[2]) : c;
    })
    .join(', ');
}

export function fmtInt(s: string | number): string {
  return String(s).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function fmtNum(n: number, digits = 2): string {
  if (!Number.isFinite(n)) return '—';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

export function ago(ms: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86400)}d ago`;
}

export const fmtTime = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');

export const short = (s: string, n = 8) => (s.length > 2 * n + 1 ? `${s.slice(0, n)}…${s.slice(-n)}` : s);

export const msgName = (typeUrl: string) => typeUrl.slice(typeUrl.lastIndexOf('.') + 1) || typeUrl;
