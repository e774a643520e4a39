/** Stateless checks of message fields (the SDK's ValidateBasic), shared by msg_server and the keeper. */
import type { Attribute, Capacity, Price } from '../../src/gen/hypermesh/resource/v1/resource';
import { Dec } from '../../src/types/dec';
import { resourceErrors } from './errors';
import { RESOURCE_DENOMS } from './units';

export const MAX_MONIKER = 70;
export const MAX_CONTACT = 140;
export const MAX_LABEL = 64; // cluster id, region
export const MAX_ATTRIBUTES = 32;
export const MAX_ATTRIBUTE_KEY = 64;
export const MAX_ATTRIBUTE_VALUE = 256;
const KEY_RE = /^[a-zA-Z0-9][a-zA-Z0-9_.\/-]*$/;

export function validateDescription(moniker: string, contact: string): void {
  if (moniker.trim() === '') throw resourceErrors.InvalidDescription('moniker must not be empty');
  if (moniker.length > MAX_MONIKER) throw resourceErrors.InvalidDescription(`moniker longer than ${MAX_MONIKER} characters`);
  if (contact.length > MAX_CONTACT) throw resourceErrors.InvalidDescription(`contact longer than ${MAX_CONTACT} characters`);
}

export function validateLabel(what: string, s: string): void {
  if (s.length > MAX_LABEL) throw resourceErrors.InvalidAttributes(`${what} longer than ${MAX_LABEL} characters`);
}

/** At most 32 attributes, keys unique and well formed, values bounded. */
export function validateAttributes(list: readonly Attribute[]): void {
  if (list.length > MAX_ATTRIBUTES) throw resourceErrors.InvalidAttributes(`more than ${MAX_ATTRIBUTES} attributes`);
  const seen = new Set<string>();
  for (const a of list) {
    if (a.key.length === 0 || a.key.length > MAX_ATTRIBUTE_KEY || !KEY_RE.test(a.key)) {
      throw resourceErrors.InvalidAttributes(`attribute key ${JSON.stringify(a.key)} must be 1-${MAX_ATTRIBUTE_KEY} characters of [a-zA-Z0-9_./-]`);
    }
    if (a.value.length > MAX_ATTRIBUTE_VALUE) throw resourceErrors.InvalidAttributes(`value of ${a.key} longer than ${MAX_ATTRIBUTE_VALUE} characters`);
    if (seen.has(a.key)) throw resourceErrors.InvalidAttributes(`attribute ${a.key} given twice`);
    seen.add(a.key);
  }
}

/** Attributes sorted by key (stored order). */
export function sortedAttributes(list: readonly Attribute[]): Attribute[] {
  return [...list].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((a) => ({ key: a.key, value: a.value }));
}

/** Prices: resource denoms only, each once, non-negative decimals. Returns them sorted by denom. */
export function validatePrices(list: readonly Price[]): Price[] {
  const seen = new Set<string>();
  for (const p of list) {
    if (!RESOURCE_DENOMS.includes(p.denom)) throw resourceErrors.InvalidPrices(`${JSON.stringify(p.denom)} is not a resource token`);
    if (seen.has(p.denom)) throw resourceErrors.InvalidPrices(`two prices for ${p.denom}`);
    seen.add(p.denom);
    let d: Dec;
    try {
      d = Dec.fromProto(p.price);
    } catch {
      throw resourceErrors.InvalidPrices(`price of ${p.denom} is not a decimal`);
    }
    if (d.isNegative()) throw resourceErrors.InvalidPrices(`price of ${p.denom} is negative`);
  }
  return [...list].sort((a, b) => (a.denom < b.denom ? -1 : 1)).map((p) => ({ denom: p.denom, price: Dec.fromProto(p.price).toProto() }));
}

export function requireCapacity(c: Capacity | undefined, what: string): Capacity {
  if (!c) throw resourceErrors.InvalidAttributes(`${what} is required`);
  return c;
}
