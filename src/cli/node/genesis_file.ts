/**
 * genesis.json: CometBFT's genesis document with our app_state (each module's GenesisState in the
 * SDK's JSON). Built from the modules' defaults, then edited through typed GenesisState values.
 */
import fs from 'node:fs';

export interface GenesisDoc {
  genesis_time: string;
  chain_id: string;
  initial_height: string;
  consensus_params: any;
  validators: any[];
  app_hash: string;
  app_state: Record<string, unknown>;
}

export function readGenesis(file: string): GenesisDoc {
  let doc: GenesisDoc;
  try {
    doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read genesis ${file}: ${(e as Error).message}`);
  }
  if (typeof doc.chain_id !== 'string' || doc.chain_id === '') throw new Error(`${file}: chain_id is missing`);
  return doc;
}

export function writeGenesis(file: string, doc: GenesisDoc): void {
  fs.writeFileSync(file, JSON.stringify(doc, null, 2) + '\n');
}
