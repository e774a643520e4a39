/**
 * The gogoproto customtype scalars of the SDK in JSON, between their wire and JSON strings:
 *
 * - math.LegacyDec: wire "500000000000000000" (the value scaled by 10^18), JSON
 *   "0.500000000000000000" (always 18 places, as LegacyDec.MarshalJSON). JSON in: "0.5", "1",
 *   "-2.25", at most 18 places, as LegacyNewDecFromStr accepts.
 * - math.Int / math.Uint: the same base-10 integer in both, at most 256 bits, canonical form out.
 *
 * Errors are plain Errors naming the value; callers add the field.
 */
import { Dec } from '../types/dec';

const WIRE_INT = /^-?[0-9]+$/;
const CANONICAL_INT = /^(0|-?[1-9][0-9]*)$/;
const JSON_DEC = /^-?[0-9]+(\.[0-9]{1,18})?$/;
const JSON_INT = /^[+-]?[0-9]+$/;
const MAX_INT_BITS = 256n;
const INT_LIMIT = 1n << MAX_INT_BITS;

export function decWireToJson(wire: string): string {
  if (!WIRE_INT.test(wire)) throw new Error(`invalid LegacyDec wire value ${JSON.stringify(wire)}`);
  return dec(() => Dec.fromProto(wire), wire).toString();
}

export function decJsonToWire(text: string): string {
  if (!JSON_DEC.test(text)) {
    throw new Error(`invalid decimal ${JSON.stringify(text)}: want digits with at most 18 decimal places, like "0.5"`);
  }
  return dec(() => Dec.fromString(text), text).toProto();
}

export function intWireToJson(wire: string): string {
  if (CANONICAL_INT.test(wire) && wire.length < 70) return wire;
  if (!WIRE_INT.test(wire)) throw new Error(`invalid integer wire value ${JSON.stringify(wire)}`);
  return checkedInt(BigInt(wire), wire).toString();
}

export function intJsonToWire(text: string): string {
  if (!JSON_INT.test(text)) throw new Error(`invalid integer ${JSON.stringify(text)}`);
  return checkedInt(BigInt(text), text).toString();
}

function checkedInt(v: bigint, text: string): bigint {
  if (v >= INT_LIMIT || v <= -INT_LIMIT) throw new Error(`integer ${text} is out of range (more than 256 bits)`);
  return v;
}

function dec(make: () => Dec, text: string): Dec {
  try {
    return make();
  } catch (e) {
    throw new Error(`decimal ${text} is out of range: ${(e as Error).message}`);
  }
}
