/**
 * Node agent key files for the `hypermesh tx resource` commands: CometBFT's key file format
 * (`node_key.json`, `priv_validator_key.json`: `"priv_key": {"type": "tendermint/PrivKeyEd25519",
 * "value": base64(seed ‖ public key)}`), so `cometbft gen-node-key` files work as they are.
 */
import fs from 'node:fs';
import { generateNodeKey, nodeKeyFromSeed, type NodeKey } from '../../sdk/resource';
import { publicKeyOf } from '../../crypto/sign';
import { CliError } from '../client/errors';

export function readNodeKeyFile(file: string): NodeKey {
  let json: any;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CliError(`cannot read node key file ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const priv = json?.priv_key;
  if (priv?.type !== 'tendermint/PrivKeyEd25519' || typeof priv.value !== 'string') {
    throw new CliError(`${file} is not an ed25519 key file: expected {"priv_key": {"type": "tendermint/PrivKeyEd25519", "value": "<base64>"}}`);
  }
  const raw = Buffer.from(priv.value, 'base64');
  if (raw.length !== 64) throw new CliError(`${file}: the private key must be 64 bytes (seed ‖ public key), got ${raw.length}`);
  const key = nodeKeyFromSeed(new Uint8Array(raw.subarray(0, 32)));
  if (Buffer.from(raw.subarray(32)).toString('hex') !== key.nodeId) throw new CliError(`${file}: the public key does not belong to the private key`);
  return key;
}

/** Writes a new key file (refuses to overwrite one); returns the key. */
export function writeNodeKeyFile(file: string): NodeKey {
  if (fs.existsSync(file)) throw new CliError(`${file} exists: a node key is never overwritten`);
  const key = generateNodeKey();
  const pub = publicKeyOf('ed25519', key.privateKey).key;
  const value = Buffer.concat([Buffer.from(key.privateKey), Buffer.from(pub)]).toString('base64');
  fs.writeFileSync(file, JSON.stringify({ priv_key: { type: 'tendermint/PrivKeyEd25519', value } }, null, 2) + '\n', { mode: 0o600 });
  return key;
}
