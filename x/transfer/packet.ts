/**
 * ICS-20 packet data and acknowledgements as bytes on the wire, as ibc-go v8 writes them:
 * FungibleTokenPacketData is `sdk.MustSortJSON(ProtoMarshalJSON(data))` — keys sorted (amount,
 * denom, memo, receiver, sender), memo omitted when empty, Go's HTML-safe string escaping; acks
 * are {"result":"AQ=="} or {"error":"ABCI code: N: error handling packet: see events for details"}.
 */
import { ibcErrors } from '../ibc/errors';
import { parseAmount } from '../../src/types/coins';
import { transferErrors } from './errors';

export interface FungibleTokenPacketData {
  denom: string;
  amount: string;
  sender: string;
  receiver: string;
  memo: string;
}

export const MAX_MEMO_LENGTH = 32768;
export const MAX_RECEIVER_LENGTH = 2048;

/** A JSON string as Go's encoding/json writes it (<, >, & and U+2028/2029 escaped). */
export function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function packetDataBytes(d: FungibleTokenPacketData): Uint8Array {
  const fields: [string, string][] = [['amount', d.amount], ['denom', d.denom]];
  if (d.memo !== '') fields.push(['memo', d.memo]);
  fields.push(['receiver', d.receiver], ['sender', d.sender]);
  return new TextEncoder().encode(`{${fields.map(([k, v]) => `"${k}":${goJsonString(v)}`).join(',')}}`);
}

const NAMES: Record<string, keyof FungibleTokenPacketData> = { denom: 'denom', amount: 'amount', sender: 'sender', receiver: 'receiver', memo: 'memo' };

/** Decodes packet data as jsonpb does: an object of known string fields; anything else is ibc/12. */
export function decodePacketData(bytes: Uint8Array): FungibleTokenPacketData {
  let obj: unknown;
  try {
    obj = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw ibcErrors.InvalidType('cannot unmarshal ICS-20 transfer packet data');
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) throw ibcErrors.InvalidType('cannot unmarshal ICS-20 transfer packet data');
  const out: FungibleTokenPacketData = { denom: '', amount: '', sender: '', receiver: '', memo: '' };
  for (const [k, v] of Object.entries(obj)) {
    const name = NAMES[k];
    if (!name || (typeof v !== 'string' && v !== null)) throw ibcErrors.InvalidType(`cannot unmarshal ICS-20 transfer packet data: unexpected field ${k}`);
    if (typeof v === 'string') out[name] = v;
  }
  return out;
}

/** FungibleTokenPacketData.ValidateBasic. */
export function validatePacketData(d: FungibleTokenPacketData): bigint {
  let amount: bigint;
  try {
    amount = parseAmount(d.amount);
  } catch {
    throw transferErrors.InvalidAmount(`unable to parse transfer amount (${d.amount}) into math.Int`);
  }
  if (amount <= 0n) throw transferErrors.InvalidAmount(`amount must be strictly positive: got ${d.amount}`);
  if (d.sender.trim() === '') throw ibcErrors.InvalidAddress('sender address cannot be blank');
  if (d.receiver.trim() === '') throw ibcErrors.InvalidAddress('receiver address cannot be blank');
  if (d.receiver.length > MAX_RECEIVER_LENGTH) throw ibcErrors.InvalidAddress(`receiver address must not exceed ${MAX_RECEIVER_LENGTH} bytes`);
  if (d.memo.length > MAX_MEMO_LENGTH) throw transferErrors.InvalidMemo(`memo must not exceed ${MAX_MEMO_LENGTH} bytes`);
  if (d.denom.trim() === '') throw transferErrors.InvalidDenomForTransfer('denom cannot be empty');
  return amount;
}

const enc = new TextEncoder();

export const SUCCESS_ACK = enc.encode('{"result":"AQ=="}');

export function errorAck(code: number): Uint8Array {
  return enc.encode(`{"error":"ABCI code: ${code}: error handling packet: see events for details"}`);
}

/** Parses an acknowledgement: success ({"result": base64}) or error ({"error": text}); ibc/4 otherwise. */
export function parseAck(bytes: Uint8Array): { success: boolean; text: string } {
  let obj: unknown;
  try {
    obj = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw ibcErrors.UnknownRequest(`cannot unmarshal ICS-20 transfer packet acknowledgement: ${(e as Error).message}`);
  }
  if (typeof obj === 'object' && obj !== null) {
    const o = obj as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && typeof o.result === 'string') return { success: true, text: o.result };
    if (keys.length === 1 && typeof o.error === 'string') return { success: false, text: o.error };
  }
  throw ibcErrors.UnknownRequest('cannot unmarshal ICS-20 transfer packet acknowledgement');
}
