/**
 * IBC commands, as gaiad names them:
 *   hypermesh tx ibc-transfer transfer SRC_PORT SRC_CHANNEL RECEIVER AMOUNT --from KEY
 *   hypermesh query ibc client states | client state ID | client status ID | client consensus-states ID
 *   hypermesh query ibc connection connections | connection end ID
 *   hypermesh query ibc channel channels | channel end PORT CHANNEL | channel unreceived-packets ...
 *   hypermesh query ibc-transfer denom-traces | denom-trace HASH | escrow-address PORT CHANNEL | total-escrow DENOM
 * Registered by `registerIbc(program, ctx)` in main.ts, under the existing `tx` and `query`.
 */
import type { Command } from 'commander';
import { MsgTransfer } from 'cosmjs-types/ibc/applications/transfer/v1/tx';
import * as transferQ from 'cosmjs-types/ibc/applications/transfer/v1/query';
import * as clientQ from 'cosmjs-types/ibc/core/client/v1/query';
import * as connQ from 'cosmjs-types/ibc/core/connection/v1/query';
import * as chanQ from 'cosmjs-types/ibc/core/channel/v1/query';
import type { CliContext } from '../client/context';
import { act, CliError } from '../client/errors';
import { withQueryFlags, withTxFlags } from '../client/flags';
import { queryNode } from '../client/query_inputs';
import { runTx } from '../client/tx_runner';
import { NodeClient, resolveNodeUrl } from '../client/node';
import { printProto } from '../output/print';
import { coinsToProto } from '../../types/coins';

/** Default packet timeout: 10 minutes after the node's latest block (ibc-go's CLI default). */
export const DEFAULT_TIMEOUT_NS = 600_000_000_000n;

/** "1-1000" → { revisionNumber: 1n, revisionHeight: 1000n }. */
export function parseTimeoutHeight(s: string): { revisionNumber: bigint; revisionHeight: bigint } {
  const m = /^([0-9]+)-([0-9]+)$/.exec(s.trim());
  if (!m) throw new CliError(`invalid --packet-timeout-height ${JSON.stringify(s)}: expected REVISION-HEIGHT, e.g. 1-1000`);
  return { revisionNumber: BigInt(m[1]), revisionHeight: BigInt(m[2]) };
}

function sub(parent: Command, name: string): Command {
  const found = parent.commands.find((c) => c.name() === name);
  if (!found) throw new Error(`no \`${name}\` command to add IBC commands to`);
  return found;
}

export function registerIbc(program: Command, ctx: CliContext): void {
  registerTransferTx(sub(program, 'tx'), ctx);
  registerIbcQueries(sub(program, 'query'), ctx);
}

function registerTransferTx(tx: Command, ctx: CliContext): void {
  const ibcTransfer = tx.command('ibc-transfer').description('ICS-20 fungible token transfers over IBC');
  withTxFlags(ibcTransfer.command('transfer'))
    .description('send tokens to an account on another chain: hypermesh tx ibc-transfer transfer transfer channel-0 hyper1... 1000uhyper --from alice')
    .argument('<src-port>', 'the port of the channel end on this chain (transfer)')
    .argument('<src-channel>', 'the channel on this chain (channel-0)')
    .argument('<receiver>', 'the recipient address on the other chain (its own bech32 prefix)')
    .argument('<amount>', 'one coin: 1000uhyper, or a voucher ibc/HASH')
    .requiredOption('--from <key>', 'the sender: a key name, or the address of a key in the keyring')
    .option('--packet-timeout-height <rev-height>', 'absolute timeout height on the other chain, REVISION-HEIGHT (default: none)')
    .option('--packet-memo <text>', 'the ICS-20 memo carried in the packet (--memo is the tx memo)')
    .option('--packet-timeout-timestamp <ns>', 'absolute timeout in ns since the epoch (default: the latest block time + 10 minutes; 0 disables)')
    .action(
      act(async (srcPort: string, srcChannel: string, receiver: string, amount: string, opts: Record<string, unknown>) => {
        if (receiver.trim() === '') throw new CliError('receiver cannot be empty');
        const timeoutHeight = opts.packetTimeoutHeight ? parseTimeoutHeight(String(opts.packetTimeoutHeight)) : { revisionNumber: 0n, revisionHeight: 0n };
        let timeoutTimestamp: bigint;
        if (opts.packetTimeoutTimestamp !== undefined) {
          if (!/^[0-9]+$/.test(String(opts.packetTimeoutTimestamp))) throw new CliError('--packet-timeout-timestamp must be an integer of nanoseconds');
          timeoutTimestamp = BigInt(String(opts.packetTimeoutTimestamp));
        } else {
          const node = new NodeClient(resolveNodeUrl(opts.node as string | undefined, opts.home as string | undefined));
          const status = await node.rpc.status();
          const ms = BigInt(Date.parse(status.sync_info.latest_block_time));
          timeoutTimestamp = ms * 1_000_000n + DEFAULT_TIMEOUT_NS;
        }
        if (timeoutHeight.revisionHeight === 0n && timeoutTimestamp === 0n) throw new CliError('a transfer needs a timeout: --packet-timeout-height or --packet-timeout-timestamp');
        await runTx(ctx, opts, String(opts.from), async (inputs) => {
          const coins = inputs.coins(amount);
          if (coins.length !== 1) throw new CliError(`transfer one coin at a time, got ${JSON.stringify(amount)}`);
          const [token] = coinsToProto(coins);
          const msg = MsgTransfer.fromPartial({
            sourcePort: srcPort,
            sourceChannel: srcChannel,
            token,
            sender: inputs.sender,
            receiver,
            timeoutHeight,
            timeoutTimestamp,
            memo: (opts.packetMemo as string | undefined) ?? '',
          });
          return { msgs: [{ typeUrl: MsgTransfer.typeUrl, value: msg }], spends: coins };
        });
      }),
    );
}

function registerIbcQueries(query: Command, ctx: CliContext): void {
  const out = ctx.io.stdout;
  const ibc = query.command('ibc').description('IBC clients, connections and channels');
  const clients = ibc.command('client').description('light clients');
  const connections = ibc.command('connection').description('connections');
  const channels = ibc.command('channel').description('channels and packets');
  const node = (o: Record<string, unknown>) => queryNode(o);

  withQueryFlags(clients.command('states')).description('every light client').action(
    act(async (o) => {
      const { flags, node: n } = node(o);
      printProto(out, flags.output, clientQ.QueryClientStatesResponse, await new clientQ.QueryClientImpl(n.abci(flags.height)).ClientStates({}));
    }),
  );
  withQueryFlags(clients.command('state <client-id>')).description('one light client').action(
    act(async (id: string, o) => {
      const { flags, node: n } = node(o);
      printProto(out, flags.output, clientQ.QueryClientStateResponse, await new clientQ.QueryClientImpl(n.abci(flags.height)).ClientState({ clientId: id }));
    }),
  );
  withQueryFlags(clients.command('status <client-id>')).description('Active, Expired or Frozen').action(
    act(async (id: string, o) => {
      const { flags, node: n } = node(o);
      printProto(out, flags.output, clientQ.QueryClientStatusResponse, await new clientQ.QueryClientImpl(n.abci(flags.height)).ClientStatus({ clientId: id }));
    }),
  );
  withQueryFlags(clients.command('consensus-states <client-id>')).description('the consensus states a client stores').action(
    act(async (id: string, o) => {
      const { flags, node: n } = node(o);
      printProto(out, flags.output, clientQ.QueryConsensusStatesResponse, await new clientQ.QueryClientImpl(n.abci(flags.height)).ConsensusStates({ clientId: id }));
    }),
  );
  withQueryFlags(connections.command('connections')).description('every connection').action(
    act(async (o) => {
      const { flags, node: n } = node(o);
      printProto(out, flags.output, connQ.QueryConnectionsResponse, await new connQ.QueryClientImpl(n.abci(flags.height)).Connections({}));
    }),
  );
  withQueryFlags(connections.command('end <connection-id>')).description('one connection end').action(
    act(async (id: string, o) => {
      const { flags, node: n } = node(o);
      printProto(out, flags.output, connQ.QueryConnectionResponse, await new connQ.QueryClientImpl(n.abci(flags.height)).Connection({ connectionId: id }));
    }),
  );
  withQueryFlags(channels.command('channels')).description('every channel').action(
    act(async (o) => {
      const { flags, node: n } = node(o);
      printProto(out, flags.output, chanQ.QueryChannelsResponse, await new chanQ.QueryClientImpl(n.abci(flags.height)).Channels({}));
    }),
  );
  withQueryFlags(channels.command('end <port-id> <channel-id>')).description('one channel end').action(
    act(async (port: string, id: string, o) => {
      const { flags, node: n } = node(o);
      printProto(out, flags.output, chanQ.QueryChannelResponse, await new chanQ.QueryClientImpl(n.abci(flags.height)).Channel({ portId: port, channelId: id }));
    }),
  );
  withQueryFlags(channels.command('packet-commitments <port-id> <channel-id>')).description('packets sent and not yet acknowledged or timed out').action(
    act(async (port: string, id: string, o) => {
      const { flags, node: n } = node(o);
      printProto(out, flags.output, chanQ.QueryPacketCommitmentsResponse, await new chanQ.QueryClientImpl(n.abci(flags.height)).PacketCommitments({ portId: port, channelId: id }));
    }),
  );

  const transfer = query.command('ibc-transfer').description('ICS-20 denom traces, escrow');
  withQueryFlags(transfer.command('denom-traces')).description('every voucher denom this chain has minted, with its trace').action(
    act(async (o) => {
      const { flags, node: n } = node(o);
      printProto(out, flags.output, transferQ.QueryDenomsResponse, await new transferQ.QueryClientImpl(n.abci(flags.height)).Denoms({}));
    }),
  );
  withQueryFlags(transfer.command('denom-trace <hash>')).description('the trace of ibc/HASH (or HASH)').action(
    act(async (hash: string, o) => {
      const { flags, node: n } = node(o);
      printProto(out, flags.output, transferQ.QueryDenomResponse, await new transferQ.QueryClientImpl(n.abci(flags.height)).Denom({ hash: hash.replace(/^ibc\//, '') }));
    }),
  );
  withQueryFlags(transfer.command('escrow-address <port-id> <channel-id>')).description('the account that escrows native tokens sent over a channel').action(
    act(async (port: string, id: string, o) => {
      const { flags, node: n } = node(o);
      printProto(out, flags.output, transferQ.QueryEscrowAddressResponse, await new transferQ.QueryClientImpl(n.abci(flags.height)).EscrowAddress({ portId: port, channelId: id }));
    }),
  );
  withQueryFlags(transfer.command('total-escrow <denom>')).description('the amount of a native denom escrowed over all channels').action(
    act(async (denom: string, o) => {
      const { flags, node: n } = node(o);
      printProto(out, flags.output, transferQ.QueryTotalEscrowForDenomResponse, await new transferQ.QueryClientImpl(n.abci(flags.height)).TotalEscrowForDenom({ denom }));
    }),
  );
}
