/**
 * Who must sign a message, read from its descriptor's `cosmos.msg.v1.signer` option, as the SDK's
 * x/tx signing context does: a string field is an address; a message field (MsgMultiSend's
 * `inputs`) names the signer field of that message. Used to check, before signing a tx read from
 * a file, that the key is one of its signers.
 */
import { getOption, hasOption, type DescExtension, type DescMessage } from '@bufbuild/protobuf';
import type { Any } from 'cosmjs-types/google/protobuf/any';
import { messageDesc, protoRegistry } from '../../codec/descriptors';
import { toSdkJson } from '../../codec/proto_json';

function signerOption(): DescExtension | undefined {
  return protoRegistry().getExtension('cosmos.msg.v1.signer');
}

function signerFields(desc: DescMessage, ext: DescExtension): string[] {
  // The option is declared on MessageOptions; the generic types cannot see that through a registry lookup.
  const has = hasOption as (d: DescMessage, e: DescExtension) => boolean;
  const get = getOption as (d: DescMessage, e: DescExtension) => unknown;
  return has(desc, ext) ? (get(desc, ext) as string[]) : [];
}

function collect(desc: DescMessage, json: Record<string, unknown>, ext: DescExtension, out: string[]): void {
  for (const name of signerFields(desc, ext)) {
    const field = desc.fields.find((f) => f.name === name);
    const value = json[name];
    if (!field || value === undefined || value === null) continue;
    if (field.message) {
      for (const v of Array.isArray(value) ? value : [value]) collect(field.message, v as Record<string, unknown>, ext, out);
    } else if (typeof value === 'string' && value !== '') out.push(value);
  }
}

/** The signer addresses of the messages, each once, in order; empty for types we cannot read. */
export function msgSigners(messages: readonly Any[]): string[] {
  const ext = signerOption();
  const out: string[] = [];
  if (!ext) return out;
  for (const m of messages) {
    const typeName = m.typeUrl.replace(/^\//, '');
    const desc = messageDesc(typeName);
    if (!desc) continue;
    const found: string[] = [];
    collect(desc, toSdkJson(typeName, m.value) as Record<string, unknown>, ext, found);
    for (const s of found) if (!out.includes(s)) out.push(s);
  }
  return out;
}
