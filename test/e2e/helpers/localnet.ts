/**
 * A real N-validator localnet for e2e tests, driven through the compiled CLI
 * (`hypermesh localnet start|stop|add-node`) in a temp directory, with cosmjs clients, CometBFT RPC
 * helpers, and teardown that stops every process it started.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DirectSecp256k1HdWallet } from '@cosmjs/proto-signing';
import { GasPrice, SigningStargateClient, StargateClient, defaultRegistryTypes, type StdFee } from '@cosmjs/stargate';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { Registry } from '@cosmjs/proto-signing';
import { Comet38Client } from '@cosmjs/tendermint-rpc';
import { MsgUnjail } from 'cosmjs-types/cosmos/slashing/v1beta1/tx';
import { cli, rpcGet, waitFor } from './devnet';
import type { LocalnetManifest, LocalnetNode } from '../../../src/cli/node/localnet';

export interface LocalnetOptions {
  validators?: number;
  timeoutCommit?: string;
  unbondingTime?: string;
  signedBlocksWindow?: number;
  minSignedPerWindow?: string;
  downtimeJailDuration?: string;
  devAccounts?: number;
}

export const registry = new Registry([...defaultRegistryTypes, [MsgUnjail.typeUrl, MsgUnjail]]);
export const gasPrice = GasPrice.fromString('0.01uhyper');

export class Localnet {
  private clients: { disconnect(): void }[] = [];
  constructor(
    readonly dir: string,
    public manifest: LocalnetManifest,
  ) {}

  static async start(o: LocalnetOptions = {}): Promise<Localnet> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-localnet-'));
    try {
      await cli([
        'localnet', 'start', '--home', dir,
        '--validators', String(o.validators ?? 4),
        '--timeout-commit', o.timeoutCommit ?? '300ms',
        '--unbonding-time', o.unbondingTime ?? '20s',
        '--signed-blocks-window', String(o.signedBlocksWindow ?? 20),
        '--min-signed-per-window', o.minSignedPerWindow ?? '0.5',
        '--downtime-jail-duration', o.downtimeJailDuration ?? '10s',
        '--dev-accounts', String(o.devAccounts ?? 5),
      ]);
    } catch (e) {
      await cli(['localnet', 'stop', '--home', dir]).catch(() => undefined);
      throw e;
    }
    return new Localnet(dir, JSON.parse(fs.readFileSync(path.join(dir, 'localnet.json'), 'utf8')));
  }

  get nodes(): LocalnetNode[] {
    return this.manifest.nodes;
  }
  get chainId(): string {
    return this.manifest.chainId;
  }
  rpc(i = 0): string {
    return `http://127.0.0.1:${this.nodes[i].ports.rpc}`;
  }
  /** dev0..devK-1 then validator0..validatorN-1 (the operators). */
  account(name: string) {
    const a = this.manifest.devAccounts.find((x) => x.name === name);
    if (!a) throw new Error(`no account ${name}`);
    return a;
  }
  valoper(i: number): string {
    const { validatorAddresses, accountAddresses } = require('../../../src/crypto/address');
    return validatorAddresses.encode(accountAddresses.decode(this.nodes[i].operator!.address));
  }

  async signer(name: string, node = 0): Promise<{ client: SigningStargateClient; address: string }> {
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(this.account(name).mnemonic, { prefix: 'hyper' });
    const [{ address }] = await wallet.getAccounts();
    const client = await SigningStargateClient.connectWithSigner(this.rpc(node), wallet, { gasPrice, registry });
    this.clients.push(client);
    return { client, address };
  }

  /**
   * Signs and broadcasts with CheckTx only, returning CheckTx's result: for txs expected to be
   * refused. (cosmjs's signAndBroadcast leaves a 60 s timer running when CheckTx refuses a tx,
   * which keeps jest alive after the tests.)
   */
  async checkTx(name: string, msgs: { typeUrl: string; value: unknown }[], fee: StdFee): Promise<{ code: number; codespace: string; log: string }> {
    const { client, address } = await this.signer(name);
    const signed = await client.sign(address, msgs, fee, '');
    const comet = await this.comet();
    const r = await comet.broadcastTxSync({ tx: TxRaw.encode(signed).finish() });
    return { code: r.code, codespace: r.codespace ?? '', log: r.log ?? '' };
  }

  async reader(node = 0): Promise<StargateClient> {
    const c = await StargateClient.connect(this.rpc(node));
    this.clients.push(c);
    return c;
  }

  async comet(node = 0): Promise<Comet38Client> {
    const c = await Comet38Client.connect(this.rpc(node));
    this.clients.push(c);
    return c;
  }

  async height(node = 0): Promise<number> {
    return Number((await rpcGet(this.rpc(node), '/status')).sync_info.latest_block_height);
  }

  async waitForHeight(h: number, node = 0, timeoutMs = 120_000): Promise<void> {
    await waitFor(async () => (await this.height(node).catch(() => 0)) >= h, timeoutMs, () => `node ${node} did not reach height ${h}`);
  }

  /** CometBFT's validator set at `height` (latest when absent): hypervalcons-less hex address → power. */
  async cometValidators(node = 0, height?: number): Promise<Map<string, bigint>> {
    const r = await rpcGet(this.rpc(node), `/validators?per_page=100${height ? `&height=${height}` : ''}`);
    return new Map((r.validators as { address: string; voting_power: string }[]).map((v) => [v.address, BigInt(v.voting_power)]));
  }

  /** Hex CometBFT address of node i's validator key. */
  cometAddress(i: number): string {
    const key = JSON.parse(fs.readFileSync(path.join(this.nodes[i].home, 'config', 'priv_validator_key.json'), 'utf8'));
    return key.address as string;
  }

  async stopNodes(...indexes: number[]): Promise<void> {
    await cli(['localnet', 'stop', '--home', this.dir, '--node', indexes.join(',')]);
  }

  async startNodes(...indexes: number[]): Promise<void> {
    await cli(['localnet', 'start', '--home', this.dir, '--node', indexes.join(',')]);
  }

  /** A non-validator node signing with node i's validator key (fresh signing state): a double signer. */
  async addDoubleSigner(i: number): Promise<number> {
    await cli(['localnet', 'add-node', '--home', this.dir, '--validator-key-of', String(i), '--start']);
    this.manifest = JSON.parse(fs.readFileSync(path.join(this.dir, 'localnet.json'), 'utf8'));
    return this.nodes.length - 1;
  }

  logTail(i: number, file = 'cometbft.log', lines = 30): string {
    try {
      return fs.readFileSync(path.join(this.nodes[i].home, 'logs', file), 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }

  /** Stops every node (SIGTERM, then SIGKILL) and removes the directory. */
  async cleanup(): Promise<void> {
    for (const c of this.clients) c.disconnect();
    await cli(['localnet', 'stop', '--home', this.dir]).catch(() => undefined);
    if (!process.env.KEEP_LOCALNET) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Attributes of the first event of `type` in a list of ABCI events (CometBFT JSON or cosmjs). */
export function attrs(e: { attributes: readonly { key: string; value: string }[] }): Record<string, string> {
  return Object.fromEntries(e.attributes.map((a) => [a.key, a.value]));
}
