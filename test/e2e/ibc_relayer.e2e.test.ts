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
import { cli, rpcGet, waitForHeight } from './helpers/devnet';
import { MsgAcknowledgement, MsgRecvPacket, MsgRecvPacketResponse, MsgAcknowledgementResponse } from 'cosmjs-types/ibc/core/channel/v1/tx';
import { MsgSubmitMisbehaviour, MsgUpdateClient } from 'cosmjs-types/ibc/core/client/v1/tx';
import { Header as TmHeader, Misbehaviour } from 'cosmjs-types/ibc/lightclients/tendermint/v1/tendermint';
import { ed25519 } from '@noble/curves/ed25519.js';
import fs from 'node:fs';
import path from 'node:path';
import { headerHash, voteSignBytes } from '../../x/ibc/lightclient/tm_hash';
import type { Packet } from 'cosmjs-types/ibc/core/channel/v1/channel';
import { QueryClientStatusRequest, QueryClientStatusResponse } from 'cosmjs-types/ibc/core/client/v1/query';
import { QueryTotalEscrowForDenomRequest, QueryTotalEscrowForDenomResponse } from 'cosmjs-types/ibc/applications/transfer/v1/query';

async function abciQuery<T>(rpc: string, path: string, data: Uint8Array, codec: { decode(b: Uint8Array): T }): Promise<T> {
  const r = await rpcGet(rpc, `/abci_query?path=%22${encodeURIComponent(path)}%22&data=0x${Buffer.from(data).toString('hex')}`);
  if (r.response.code) throw new Error(`${path}: ${r.response.codespace}/${r.response.code} ${r.response.log}`);
  return codec.decode(Buffer.from(r.response.value ?? '', 'base64'));
}

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

  const comets: Comet38Client[] = [];
  function queries(comet: Comet38Client) {
    comets.push(comet);
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
    comets.forEach((c) => c.disconnect());
    for (const n of [nodeA, nodeB]) {
      n?.sign.disconnect();
      n?.tm.disconnect();
    }
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

  const voucherOnB = () => ibcDenom({ path: `transfer/${channel.dest.channelId}`, baseDenom: 'uhyper' });
  const escrowA = () => accountAddresses.encode(escrowAddress('transfer', channel.src.channelId));
  const BAD_FEE = { amount: [{ denom: 'uhyper', amount: '50000' }], gas: '3000000' };

  /** Broadcasts msgs with a fixed fee (no simulation) and returns `codespace/code`, or "ok". */
  async function submit(node: import('@confio/relayer').IbcClient, msgs: { typeUrl: string; value: unknown }[]): Promise<{ outcome: string; res?: any }> {
    try {
      const res = await node.sign.signAndBroadcast(node.senderAddress, msgs as any, BAD_FEE);
      if (res.code !== 0) {
        const tx = await rpcGet(node === nodeA ? chains.a.rpc : chains.b.rpc, `/tx?hash=0x${res.transactionHash}`);
        return { outcome: `${tx.tx_result.codespace}/${res.code}`, res };
      }
      return { outcome: 'ok', res };
    } catch (e) {
      const m = /code (\d+) \(codespace: ([\w-]+)\)/.exec((e as Error).message);
      if (!m) throw e;
      return { outcome: `${m[2]}/${m[1]}` };
    }
  }

  function packetFrom(events: readonly { type: string; attributes: readonly { key: string; value: string }[] }[]): Packet {
    const e = events.find((x) => x.type === 'send_packet')!;
    const a = Object.fromEntries(e.attributes.map((x) => [x.key, x.value]));
    const [rn, rh] = a.packet_timeout_height.split('-');
    return {
      sequence: BigInt(a.packet_sequence),
      sourcePort: a.packet_src_port,
      sourceChannel: a.packet_src_channel,
      destinationPort: a.packet_dst_port,
      destinationChannel: a.packet_dst_channel,
      data: Buffer.from(a.packet_data_hex, 'hex'),
      timeoutHeight: { revisionNumber: BigInt(rn), revisionHeight: BigInt(rh) },
      timeoutTimestamp: BigInt(a.packet_timeout_timestamp),
    };
  }

  // devnets unbond in 60 s, so the relayer's clients trust for 40 s: keep both fresh, as a running
  // relayer's heartbeat does
  beforeEach(async () => {
    if (!link) return;
    await link.updateClientIfStale('A', 10);
    await link.updateClientIfStale('B', 10);
  });

  test('B follows A across a validator-set change on A (non-adjacent update)', async () => {
    const { validators } = await queryA.staking.validators('BOND_STATUS_BONDED');
    const w = await DirectSecp256k1HdWallet.fromMnemonic(chains.a.devAccounts[2].mnemonic, { prefix: 'hyper' });
    const [{ address: delegator }] = await w.getAccounts();
    const s = await SigningStargateClient.connectWithSigner(chains.a.rpc, w);
    const before = await queryB.ibc.client.stateTm(link.endB.clientID);
    const trustedHeight = Number(before.latestHeight!.revisionHeight);
    const vhBefore = (await nodeA.header(trustedHeight)).validatorsHash;
    const res = await s.delegateTokens(delegator, validators[0].operatorAddress, { denom: 'uhyper', amount: '500000000000' }, FEE);
    s.disconnect();
    expect(res.code).toBe(0);
    await waitForHeight(chains.a.rpc, res.height + 4);
    const newHeight = await link.updateClient('A');
    expect(Number(newHeight.revisionHeight)).toBeGreaterThan(trustedHeight + 1);
    const after = await queryB.ibc.client.stateTm(link.endB.clientID);
    expect(after.latestHeight).toEqual(newHeight);
    const header = await nodeA.header(Number(newHeight.revisionHeight));
    // the set changed between the trusted height and the new one
    expect(Buffer.from(header.validatorsHash).equals(Buffer.from(vhBefore))).toBe(false);
    const cons = await queryB.ibc.client.consensusStateTm(link.endB.clientID, newHeight);
    expect(Buffer.from(cons.nextValidatorsHash).equals(Buffer.from(header.nextValidatorsHash))).toBe(true);
    expect(Buffer.from(cons.root!.hash).equals(Buffer.from(header.appHash))).toBe(true);
  });

  test('the voucher goes back B→A: burned on B, escrow on A released', async () => {
    const voucher = voucherOnB();
    const beforeA = await balance(queryA, user.a, 'uhyper');
    const res = await signerB.sendIbcTokens(user.b, user.a, { denom: voucher, amount: '400' }, 'transfer', channel.dest.channelId, undefined, Math.floor(Date.now() / 1000) + 600, FEE);
    expect(res.code).toBe(0);
    expect(await supply(queryB, voucher)).toBe(600n);
    const info = await link.relayAll();
    expect(info.packetsFromB).toBe(1);
    expect(await balance(queryA, user.a, 'uhyper')).toBe(beforeA + 400n);
    expect(await balance(queryA, escrowA(), 'uhyper')).toBe(600n);
    expect(await balance(queryB, user.b, voucher)).toBe(600n);
  });

  test('a transfer that times out on B is refunded on A', async () => {
    const before = await balance(queryA, user.a, 'uhyper');
    const hB = await nodeB.currentHeight();
    const res = await signerA.sendIbcTokens(user.a, user.b, { denom: 'uhyper', amount: '777' }, 'transfer', channel.src.channelId, { revisionNumber: 1n, revisionHeight: BigInt(hB + 3) }, undefined, FEE);
    expect(res.code).toBe(0);
    expect(await balance(queryA, escrowA(), 'uhyper')).toBe(600n + 777n);
    await waitForHeight(chains.b.rpc, hB + 5);
    await link.relayAll();
    expect(await balance(queryA, user.a, 'uhyper')).toBe(before - 10000n);
    expect(await balance(queryA, escrowA(), 'uhyper')).toBe(600n);
    const { commitments } = await queryA.ibc.channel.packetCommitments('transfer', channel.src.channelId);
    expect(commitments).toHaveLength(0);
    const voucher = voucherOnB();
    expect(await balance(queryB, user.b, voucher)).toBe(600n);
  });

  test('forged headers are refused with 07-tendermint / client codes and change nothing', async () => {
    const clientId = link.endB.clientID;
    const cs = await queryB.ibc.client.stateTm(clientId);
    const trusted = Number(cs.latestHeight!.revisionHeight);
    await nodeA.waitOneBlock();
    const good = await nodeA.buildHeader(trusted);
    const update = (h: TmHeader) => ({
      typeUrl: MsgUpdateClient.typeUrl,
      value: MsgUpdateClient.fromPartial({ clientId, signer: nodeB.senderAddress, clientMessage: { typeUrl: TmHeader.typeUrl, value: TmHeader.encode(h).finish() } }),
    });
    const clone = () => TmHeader.decode(TmHeader.encode(good).finish());
    // a bad signature
    const badSig = clone();
    badSig.signedHeader!.commit!.signatures[0].signature[5] ^= 0xff;
    expect((await submit(nodeB, [update(badSig)])).outcome).toBe('07-tendermint/6');
    // a header of another chain (hmb-1), signed by its validators, offered as hma-1's
    const other = TmHeader.decode(TmHeader.encode(await nodeB.buildHeader(Number((await nodeB.currentHeight()) - 2))).finish());
    other.trustedHeight = good.trustedHeight;
    other.trustedValidators = good.trustedValidators;
    expect((await submit(nodeB, [update(other)])).outcome).toBe('07-tendermint/6');
    // a tampered chain id no longer hashes to the signed block
    const wrongChain = clone();
    wrongChain.signedHeader!.header!.chainId = 'hmx-1';
    expect((await submit(nodeB, [update(wrongChain)])).outcome).toBe('client/12');
    // trusted validators that are not the trusted consensus state's next validators
    const wrongTrust = clone();
    wrongTrust.trustedValidators = other.validatorSet;
    expect((await submit(nodeB, [update(wrongTrust)])).outcome).toBe('07-tendermint/14');
    expect(await queryB.ibc.client.stateTm(clientId)).toEqual(cs);
    // the genuine header still works
    expect((await submit(nodeB, [update(good)])).outcome).toBe('ok');
  });

  test('an expired client (trusting period passed) refuses updates: client/29', async () => {
    const { buildCreateClientArgs } = require('@confio/relayer/build/lib/ibcclient');
    const args = await buildCreateClientArgs(nodeA, 8);
    const { clientId } = await nodeB.createTendermintClient(args.clientState, args.consensusState);
    await new Promise((r) => setTimeout(r, 9000));
    await nodeB.waitOneBlock();
    expect(await abciQuery(chains.b.rpc, '/ibc.core.client.v1.Query/ClientStatus', QueryClientStatusRequest.encode({ clientId }).finish(), QueryClientStatusResponse)).toEqual({ status: 'Expired' });
    const h = await nodeA.buildHeader(Number(args.clientState.latestHeight.revisionHeight));
    const r = await submit(nodeB, [{ typeUrl: MsgUpdateClient.typeUrl, value: MsgUpdateClient.fromPartial({ clientId, signer: nodeB.senderAddress, clientMessage: { typeUrl: TmHeader.typeUrl, value: TmHeader.encode(h).finish() } }) }]);
    expect(r.outcome).toBe('client/29');
  });

  test('misbehaviour: a second header for a height, signed by A\'s validator key, freezes a client of A', async () => {
    const { buildCreateClientArgs } = require('@confio/relayer/build/lib/ibcclient');
    const args = await buildCreateClientArgs(nodeA);
    const { clientId } = await nodeB.createTendermintClient(args.clientState, args.consensusState);
    const trusted = Number(args.clientState.latestHeight.revisionHeight);
    await nodeA.waitOneBlock();
    const real = await nodeA.buildHeader(trusted);
    // the same height with another app hash, signed again with the validator's own key
    const keyFile = JSON.parse(fs.readFileSync(path.join(chains.a.home, 'config', 'priv_validator_key.json'), 'utf8'));
    const seed = Buffer.from(keyFile.priv_key.value, 'base64').subarray(0, 32);
    const forged = TmHeader.decode(TmHeader.encode(real).finish());
    const sh = forged.signedHeader!;
    sh.header!.appHash = new Uint8Array(32).fill(0xab);
    sh.commit!.blockId!.hash = headerHash(sh.header!)!;
    sh.commit!.signatures.forEach((sig, i) => {
      if (sig.blockIdFlag === 2) sig.signature = ed25519.sign(voteSignBytes(chains.a.chainId, sh.commit!, i), seed);
    });
    const misbehaviour = Misbehaviour.fromPartial({ clientId, header1: forged, header2: real });
    const r = await submit(nodeB, [{ typeUrl: MsgSubmitMisbehaviour.typeUrl, value: MsgSubmitMisbehaviour.fromPartial({ clientId, misbehaviour: { typeUrl: Misbehaviour.typeUrl, value: Misbehaviour.encode(misbehaviour).finish() }, signer: nodeB.senderAddress }) }]);
    expect(r.outcome).toBe('ok');
    expect(r.res.events.some((e: any) => e.type === 'client_misbehaviour')).toBe(true);
    expect(await abciQuery(chains.b.rpc, '/ibc.core.client.v1.Query/ClientStatus', QueryClientStatusRequest.encode({ clientId }).finish(), QueryClientStatusResponse)).toEqual({ status: 'Frozen' });
    const after = await submit(nodeB, [{ typeUrl: MsgUpdateClient.typeUrl, value: MsgUpdateClient.fromPartial({ clientId, signer: nodeB.senderAddress, clientMessage: { typeUrl: TmHeader.typeUrl, value: TmHeader.encode(real).finish() } }) }]);
    expect(after.outcome).toBe('client/29');
  });

  test('packet proof at the wrong height, a redundant receive and an unknown ack; the relayer carries on', async () => {
    const res = await signerA.sendIbcTokens(user.a, user.b, { denom: 'uhyper', amount: '55' }, 'transfer', channel.src.channelId, undefined, Math.floor(Date.now() / 1000) + 600, FEE);
    expect(res.code).toBe(0);
    const packet = packetFrom(res.events);
    await nodeA.waitOneBlock();
    const h1 = await link.updateClient('A');
    await nodeA.waitOneBlock();
    const h2 = await link.updateClient('A');
    const proof = await nodeA.getPacketProof(packet, h1);
    const recv = (proofHeight: typeof h1) => ({ typeUrl: MsgRecvPacket.typeUrl, value: MsgRecvPacket.fromPartial({ packet, proofCommitment: proof, proofHeight, signer: nodeB.senderAddress }) });
    const voucher = voucherOnB();
    const before = await balance(queryB, user.b, voucher);
    // the proof of h1's state checked against h2's root
    expect((await submit(nodeB, [recv(h2)])).outcome).toBe('commitment/2');
    expect(await balance(queryB, user.b, voucher)).toBe(before);
    // the right height
    const ok = await submit(nodeB, [recv(h1)]);
    expect(ok.outcome).toBe('ok');
    expect(MsgRecvPacketResponse.decode(ok.res.msgResponses[0].value).result).toBe(2);
    expect(await balance(queryB, user.b, voucher)).toBe(before + 55n);
    // again: a no-op (ibc-go v8), nothing changes, no acknowledgement written twice
    const again = await submit(nodeB, [recv(h1)]);
    expect(again.outcome).toBe('ok');
    expect(MsgRecvPacketResponse.decode(again.res.msgResponses[0].value).result).toBe(1);
    expect(again.res.events.some((e: any) => e.type === 'write_acknowledgement')).toBe(false);
    expect(await balance(queryB, user.b, voucher)).toBe(before + 55n);
    // an ack for a packet A never sent: a no-op as in ibc-go v8
    const unknown = { ...packet, sequence: 999n };
    const ack = await submit(nodeA, [{ typeUrl: MsgAcknowledgement.typeUrl, value: MsgAcknowledgement.fromPartial({ packet: unknown, acknowledgement: new TextEncoder().encode('{"result":"AQ=="}'), proofAcked: proof, proofHeight: h1, signer: nodeA.senderAddress }) }]);
    expect(ack.outcome).toBe('ok');
    expect(MsgAcknowledgementResponse.decode(ack.res.msgResponses[0].value).result).toBe(1);
    // the relayer relays the pending ack and goes on with new packets
    await link.relayAll();
    const { commitments } = await queryA.ibc.channel.packetCommitments('transfer', channel.src.channelId);
    expect(commitments).toHaveLength(0);
    const r2 = await signerA.sendIbcTokens(user.a, user.b, { denom: 'uhyper', amount: '45' }, 'transfer', channel.src.channelId, undefined, Math.floor(Date.now() / 1000) + 600, FEE);
    expect(r2.code).toBe(0);
    await link.relayAll();
    expect(await balance(queryB, user.b, voucher)).toBe(before + 100n);
  });

  test('the CLI: tx ibc-transfer transfer, query ibc channels / clients, query ibc-transfer denom-traces', async () => {
    await cli(['keys', 'import-dev', '--home', chains.a.home]);
    const voucher = voucherOnB();
    const before = await balance(queryB, user.b, voucher);
    const sent = await cli(['tx', 'ibc-transfer', 'transfer', 'transfer', channel.src.channelId, user.b, '21uhyper', '--from', 'dev3', '--keyring-backend', 'test', '--home', chains.a.home, '--yes', '-o', 'json']);
    expect(JSON.parse(sent.stdout).code).toBe(0);
    await link.relayAll();
    expect(await balance(queryB, user.b, voucher)).toBe(before + 21n);
    const chans = JSON.parse((await cli(['query', 'ibc', 'channel', 'channels', '--home', chains.a.home, '-o', 'json'])).stdout);
    expect(chans.channels[0]).toMatchObject({ state: 'STATE_OPEN', ordering: 'ORDER_UNORDERED', port_id: 'transfer', channel_id: channel.src.channelId, version: 'ics20-1' });
    const clientsB = JSON.parse((await cli(['query', 'ibc', 'client', 'states', '--home', chains.b.home, '-o', 'json'])).stdout);
    expect(clientsB.client_states[0].client_state.chain_id).toBe('hma-1');
    const traces = JSON.parse((await cli(['query', 'ibc-transfer', 'denom-traces', '--home', chains.b.home, '-o', 'json'])).stdout);
    expect(traces.denoms).toEqual([{ base: 'uhyper', trace: [{ port_id: 'transfer', channel_id: channel.dest.channelId }] }]);
  });

  test('supply invariants on both chains', async () => {
    const voucher = voucherOnB();
    const escrowed = await balance(queryA, escrowA(), 'uhyper');
    // A: the escrow account holds exactly what is recorded as escrowed
    const resp = await abciQuery(chains.a.rpc, '/ibc.applications.transfer.v1.Query/TotalEscrowForDenom', QueryTotalEscrowForDenomRequest.encode({ denom: 'uhyper' }).finish(), QueryTotalEscrowForDenomResponse);
    expect(BigInt(resp.amount!.amount)).toBe(escrowed);
    // B: every voucher in circulation is backed by escrow on A
    expect(await supply(queryB, voucher)).toBe(escrowed);
    expect(await balance(queryB, user.b, voucher)).toBe(escrowed);
  });
});
