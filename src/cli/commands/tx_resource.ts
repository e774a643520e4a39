/**
 * `hypermesh tx resource ...`: providers, nodes, audits, heartbeats, resource tokens, redemption,
 * fraud challenges (x/resource/README.md says what each message does and which errors it returns).
 * Node keys are CometBFT-format ed25519 key files (`init-node-key FILE` makes one).
 */
import { InvalidArgumentError, type Command } from 'commander';
import {
  MsgAddBond,
  MsgChallenge,
  MsgHeartbeat,
  MsgMint,
  MsgRedeem,
  MsgRegisterNode,
  MsgRegisterProvider,
  MsgRetire,
  MsgSignAttributes,
  MsgUnbondProvider,
  MsgUpdateProvider,
} from '../../gen/hypermesh/resource/v1/tx';
import { ChallengeKind, Heartbeat, type Attribute, type Capacity, type Price } from '../../gen/hypermesh/resource/v1/resource';
import { QueryClientImpl } from '../../gen/hypermesh/resource/v1/query';
import { createResourceAminoConverters, resourceTypes, signHeartbeat, signNodeRegistration } from '../../sdk/resource';
import { fromSdkJsonOf } from '../../codec/proto_json';
import { validatorAddresses, accountAddresses } from '../../crypto/address';
import { coinsToProto, type Coins } from '../../types/coins';
import { Dec } from '../../types/dec';
import type { TxModule } from '../client/context';
import { act, CliError } from '../client/errors';
import { withTxFlags } from '../client/flags';
import { NodeClient, resolveNodeUrl } from '../client/node';
import { runTx } from '../client/tx_runner';
import { uint64Option } from '../options';
import { readNodeKeyFile, writeNodeKeyFile } from './resource_node_key';
import fs from 'node:fs';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** "key=value" attributes. */
export function attributesArg(list: string[] | undefined): Attribute[] {
  return (list ?? []).map((s) => {
    const i = s.indexOf('=');
    if (i <= 0) throw new CliError(`attribute ${JSON.stringify(s)} must be key=value`);
    return { key: s.slice(0, i), value: s.slice(i + 1) };
  });
}

/** "rcpu=0.01" prices in uhyper per unit. */
export function pricesArg(list: string[] | undefined): Price[] {
  return (list ?? []).map((s) => {
    const m = /^([a-z]+)=([0-9]+(?:\.[0-9]+)?)$/.exec(s);
    if (!m) throw new CliError(`price ${JSON.stringify(s)} must be denom=uhyper-per-unit, e.g. rcpu=10000`);
    return { denom: m[1], price: Dec.fromString(m[2]).toProto() };
  });
}

function capacityOpts(cmd: Command, prefix = ''): Command {
  const flag = (name: string, what: string) => cmd.option(`--${prefix}${name} <n>`, what, uint64Option);
  flag('cpu', 'CPU in millicores (1000 = one vCPU)');
  flag('memory', 'memory in bytes');
  flag('storage', 'storage in bytes');
  flag('network', 'network bandwidth in bytes per second');
  return cmd;
}

/** The capacity flags as commander names them: cpu, memory, ... or usedCpu, usedMemory, ... */
function capacityOf(o: Record<string, unknown>, prefix: '' | 'used' = ''): Capacity {
  const read = (k: string) => (o[prefix ? prefix + k[0].toUpperCase() + k.slice(1) : k] as bigint | undefined) ?? 0n;
  return { cpuMillicores: read('cpu'), memoryBytes: read('memory'), storageBytes: read('storage'), networkBytesPerSecond: read('network') };
}

function resourceQuery(opts: Record<string, unknown>): { node: NodeClient; q: QueryClientImpl } {
  const node = new NodeClient(resolveNodeUrl(opts.node as string | undefined, opts.home as string | undefined));
  return { node, q: new QueryClientImpl(node.abci()) };
}

const positiveSeconds = (v: string) => {
  const n = uint64Option(v);
  if (n === 0n) throw new InvalidArgumentError('a duration must be positive');
  return n;
};

export const resourceTxModule: TxModule = {
  name: 'resource',
  types: resourceTypes,
  aminoConverters: createResourceAminoConverters(),
  register(tx, ctx) {
    const resource = tx.command('resource').description('compute resources: providers, nodes, heartbeats, resource tokens, leases, fraud proofs');

    resource
      .command('init-node-key <file>')
      .description('create a node agent key file (CometBFT node_key.json format) and print its node id; never overwrites')
      .action(
        act(async (file: string) => {
          ctx.io.stdout.write(writeNodeKeyFile(file).nodeId + '\n');
        }),
      );

    withTxFlags(resource.command('register-provider <from> <bond>'))
      .description('bond HYPER (at least min_bond) and register FROM as a provider: register-provider alice 1000000000uhyper --moniker acme')
      .requiredOption('--moniker <name>', 'display name')
      .option('--contact <text>', 'how to reach the operator', '')
      .option('--link-validator', "link FROM's own validator (hypervaloper of the same key): its resource score raises the validator's power", false)
      .option('--price <denom=uhyper>', 'asked price per token unit, e.g. rcpu=10000 (repeatable)', collect)
      .action(
        act(async (from: string, bond: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            const coins = inputs.coins(bond, 'bond');
            if (coins.length !== 1) throw new CliError('the bond is one coin, e.g. 1000000000uhyper');
            const validator = o.linkValidator ? validatorAddresses.encode(accountAddresses.decode(inputs.sender)) : '';
            const msg = MsgRegisterProvider.fromPartial({ provider: inputs.sender, moniker: o.moniker, contact: o.contact, validator, bond: coinsToProto(coins)[0], prices: pricesArg(o.price) });
            return { msgs: [{ typeUrl: MsgRegisterProvider.typeUrl, value: msg }], spends: coins };
          }),
        ),
      );

    withTxFlags(resource.command('update-provider <from>'))
      .description('change moniker, contact, prices or the validator link (unspecified ones keep their value)')
      .option('--moniker <name>', 'display name')
      .option('--contact <text>', 'contact')
      .option('--link-validator', "link FROM's own validator", false)
      .option('--unlink-validator', 'remove the validator link', false)
      .option('--price <denom=uhyper>', 'asked prices (replace all; repeatable)', collect)
      .action(
        act(async (from: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            const { q } = resourceQuery(o);
            const { provider } = await q.Provider({ address: inputs.sender });
            const p = provider!;
            const validator = o.unlinkValidator ? '' : o.linkValidator ? validatorAddresses.encode(accountAddresses.decode(inputs.sender)) : p.validator;
            const msg = MsgUpdateProvider.fromPartial({
              provider: inputs.sender,
              moniker: o.moniker ?? p.moniker,
              contact: o.contact ?? p.contact,
              validator,
              prices: o.price ? pricesArg(o.price) : p.prices,
            });
            return { msgs: [{ typeUrl: MsgUpdateProvider.typeUrl, value: msg }] };
          }),
        ),
      );

    withTxFlags(resource.command('add-bond <from> <amount>'))
      .description('top up the provider bond: add-bond alice 500000000uhyper')
      .action(
        act(async (from: string, amount: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            const coins = inputs.coins(amount);
            if (coins.length !== 1) throw new CliError('the amount is one coin, e.g. 500000000uhyper');
            return { msgs: [{ typeUrl: MsgAddBond.typeUrl, value: MsgAddBond.fromPartial({ provider: inputs.sender, amount: coinsToProto(coins)[0] }) }], spends: coins };
          }),
        ),
      );

    withTxFlags(resource.command('unbond-provider <from>'))
      .description('start returning the bond (no open leases, no outstanding liability); paid after unbonding_seconds')
      .action(
        act(async (from: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => ({ msgs: [{ typeUrl: MsgUnbondProvider.typeUrl, value: MsgUnbondProvider.fromPartial({ provider: inputs.sender }) }] })),
        ),
      );

    capacityOpts(withTxFlags(resource.command('register-node <from>')))
      .description('register a node under provider FROM; the node key file signs the registration: register-node alice --node-key node.json --cpu 4000 --memory 8589934592')
      .requiredOption('--node-key <file>', "the node agent's ed25519 key file (its public key is the node id)")
      .option('--cluster <id>', 'cluster id', '')
      .option('--region <name>', 'region', '')
      .option('--attr <key=value>', 'attribute (repeatable)', collect)
      .action(
        act(async (from: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            const key = readNodeKeyFile(o.nodeKey);
            const chainId = o.chainId ?? (await resourceQuery(o).node.chainId());
            const msg = MsgRegisterNode.fromPartial({
              provider: inputs.sender,
              nodeId: key.nodeId,
              clusterId: o.cluster,
              region: o.region,
              capacity: capacityOf(o),
              attributes: attributesArg(o.attr),
              nodeSignature: signNodeRegistration(key, chainId, inputs.sender),
            });
            return { msgs: [{ typeUrl: MsgRegisterNode.typeUrl, value: msg }] };
          }),
        ),
      );

    capacityOpts(withTxFlags(resource.command('sign-attributes <from> <node-id>')))
      .description('as an auditor, attest the attributes and capacity of a node')
      .option('--attr <key=value>', 'attested attribute (repeatable)', collect)
      .action(
        act(async (from: string, nodeId: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            const msg = MsgSignAttributes.fromPartial({ auditor: inputs.sender, nodeId, attributes: attributesArg(o.attr), capacity: capacityOf(o) });
            return { msgs: [{ typeUrl: MsgSignAttributes.typeUrl, value: msg }] };
          }),
        ),
      );

    capacityOpts(withTxFlags(resource.command('heartbeat <from>')), 'used-')
      .description("submit signed heartbeats of nodes (FROM pays the fee): heartbeat alice --node-key n1.json --node-key n2.json --used-cpu 1500")
      .requiredOption('--node-key <file>', 'node key file (repeatable: one heartbeat per node)', collect)
      .option('--heartbeat-sequence <n>', "heartbeat sequence (default: each node's last accepted + 1)", uint64Option)
      .action(
        act(async (from: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            const { node, q } = resourceQuery(o);
            const chainId = o.chainId ?? (await node.chainId());
            const height = BigInt((await node.rpc.status()).sync_info.latest_block_height);
            const used = capacityOf(o, 'used');
            const heartbeats: Heartbeat[] = [];
            for (const file of o.nodeKey as string[]) {
              const key = readNodeKeyFile(file);
              const sequence = o.heartbeatSequence ?? ((await q.Node({ nodeId: key.nodeId })).node?.lastSequence ?? 0n) + 1n;
              heartbeats.push(signHeartbeat(key, chainId, { sequence, height, used }));
            }
            return { msgs: [{ typeUrl: MsgHeartbeat.typeUrl, value: MsgHeartbeat.fromPartial({ submitter: inputs.sender, heartbeats }) }] };
          }),
        ),
      );

    withTxFlags(resource.command('mint <from> <amount>'))
      .description('mint resource tokens against unallocated capacity and bond: mint alice 10rcpu')
      .action(
        act(async (from: string, amount: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            const coins = oneCoin(inputs.coins(amount));
            return { msgs: [{ typeUrl: MsgMint.typeUrl, value: MsgMint.fromPartial({ provider: inputs.sender, amount: coinsToProto(coins)[0] }) }] };
          }),
        ),
      );

    withTxFlags(resource.command('retire <from> <amount>'))
      .description("burn the provider's own tokens to reduce its outstanding liability: retire alice 5rcpu")
      .action(
        act(async (from: string, amount: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            const coins = oneCoin(inputs.coins(amount));
            return { msgs: [{ typeUrl: MsgRetire.typeUrl, value: MsgRetire.fromPartial({ provider: inputs.sender, amount: coinsToProto(coins)[0] }) }], spends: coins };
          }),
        ),
      );

    withTxFlags(resource.command('redeem <from> <amount> <duration-seconds>'))
      .description('burn resource tokens into a lease of DURATION seconds: redeem bob 3rcpu 3600 [--provider hyper1...]')
      .option('--provider <address>', 'the provider to serve it (default: highest reputation, then lowest price, then address)')
      .option('--node-id <hex>', 'the node to serve it')
      .action(
        act(async (from: string, amount: string, duration: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            const coins = oneCoin(inputs.coins(amount));
            let seconds: bigint;
            try {
              seconds = positiveSeconds(duration);
            } catch (e) {
              throw new CliError(`invalid duration ${JSON.stringify(duration)}: ${(e as Error).message}`);
            }
            const provider = o.provider ? await inputs.address(o.provider, 'provider') : '';
            const msg = MsgRedeem.fromPartial({ consumer: inputs.sender, amount: coinsToProto(coins)[0], durationSeconds: seconds, provider, nodeId: o.nodeId ?? '' });
            return { msgs: [{ typeUrl: MsgRedeem.typeUrl, value: msg }], spends: coins };
          }),
        ),
      );

    withTxFlags(resource.command('challenge-lease <from> <lease-id>'))
      .description("prove a failed lease against its provider: its bond's fraud_slash_fraction goes to the lease's consumer")
      .action(
        act(async (from: string, leaseId: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            const msg = MsgChallenge.fromPartial({ challenger: inputs.sender, kind: ChallengeKind.CHALLENGE_KIND_FAILED_LEASE, leaseId: uint64Option(leaseId) });
            return { msgs: [{ typeUrl: MsgChallenge.typeUrl, value: msg }] };
          }),
        ),
      );

    withTxFlags(resource.command('challenge-heartbeat <from> <heartbeat-json>'))
      .description('prove a node claimed more capacity than attested, with its signed heartbeat (a JSON file of hypermesh.resource.v1.Heartbeat)')
      .action(
        act(async (from: string, file: string, o: Record<string, any>) =>
          runTx(ctx, o, from, async (inputs) => {
            let heartbeat: Heartbeat;
            try {
              heartbeat = fromSdkJsonOf(Heartbeat, JSON.parse(fs.readFileSync(file, 'utf8')));
            } catch (e) {
              throw new CliError(`${file} is not a heartbeat in JSON: ${(e as Error).message}`);
            }
            const msg = MsgChallenge.fromPartial({ challenger: inputs.sender, kind: ChallengeKind.CHALLENGE_KIND_OVERCLAIMED_CAPACITY, heartbeat });
            return { msgs: [{ typeUrl: MsgChallenge.typeUrl, value: msg }] };
          }),
        ),
      );
  },
};

function oneCoin(coins: Coins): Coins {
  if (coins.length !== 1) throw new CliError('give one resource token amount, e.g. 10rcpu');
  return coins;
}
