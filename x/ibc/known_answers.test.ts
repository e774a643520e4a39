/**
 * Known answers: stored IBC values and commitments byte-identical to ibc-go's.
 *
 * Vectors were printed by a throwaway Go program (not committed) calling ibc-go v10.3.0 — the
 * same wire types and functions as v8.7 for everything below:
 * clienttypes.MarshalClientState / MarshalConsensusState (gogoproto, Any-wrapped as stored),
 * codec.ProtoCodec.MustMarshal(ConnectionEnd / Channel), channeltypes.CommitPacket /
 * CommitAcknowledgement, transfertypes.GetEscrowAddress, Denom.IBCDenom. The escrow address of
 * transfer/channel-0 is also the Cosmos Hub's well-known cosmos1a53udazy8ayufvy0s434pfwjcedzqv34kvz9tw.
 */
import { iavlSpec, ics23, tendermintSpec } from '@confio/ics23';
import { ProofSpec } from 'cosmjs-types/cosmos/ics23/v1/proofs';
import { Channel, Order, State as ChannelState } from 'cosmjs-types/ibc/core/channel/v1/channel';
import { ConnectionEnd, State as ConnState } from 'cosmjs-types/ibc/core/connection/v1/connection';
import { ClientState, ConsensusState } from 'cosmjs-types/ibc/lightclients/tendermint/v1/tendermint';
import { addressCodec } from '../../src/crypto/address';
import { commitAcknowledgement, commitPacket } from './commitment';
import { clientStateAnyBytes, consensusStateAnyBytes } from './lightclient/tendermint';
import { channelBytes, connectionBytes } from './codec';
import { escrowAddress, ibcDenom } from '../transfer/denom';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const enc = (s: string) => new TextEncoder().encode(s);
const sdkSpecs = [iavlSpec, tendermintSpec].map((s) => ProofSpec.decode(ics23.ProofSpec.encode(s).finish()));

const GO = {
  clientState_any:
    '0a2b2f6962632e6c69676874636c69656e74732e74656e6465726d696e742e76312e436c69656e74537461746512760a05686d622d311204080110031a040880ea4922040880df6e2a02081432003a040801102a42190a090801180120012a0100120c0a02000110211804200c300142190a090801180120012a0100120c0a02000110201801200130014a07757067726164654a1075706772616465644942435374617465',
  clientState_frozen_any:
    '0a2b2f6962632e6c69676874636c69656e74732e74656e6465726d696e742e76312e436c69656e74537461746512780a05686d622d311204080110031a040880ea4922040880df6e2a020814320210013a040801102a42190a090801180120012a0100120c0a02000110211804200c300142190a090801180120012a0100120c0a02000110201801200130014a07757067726164654a1075706772616465644942435374617465',
  consensusState_any:
    '0a2e2f6962632e6c69676874636c69656e74732e74656e6465726d696e742e76312e436f6e73656e737573537461746512530a0b0880a4a7da0610959aef3a12220a200102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f201a20a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf',
  connection_init: '0a0f30372d74656e6465726d696e742d3012230a0131120d4f524445525f4f524445524544120f4f524445525f554e4f524445524544180122180a0f30372d74656e6465726d696e742d311a050a03696263',
  connection_open: '0a0f30372d74656e6465726d696e742d3012230a0131120d4f524445525f4f524445524544120f4f524445525f554e4f524445524544180322260a0f30372d74656e6465726d696e742d31120c636f6e6e656374696f6e2d331a050a03696263',
  channel_init: '080110011a0a0a087472616e73666572220c636f6e6e656374696f6e2d302a0769637332302d31',
  channel_open: '080310021a150a087472616e7366657212096368616e6e656c2d37220c636f6e6e656374696f6e2d302a0769637332302d31',
  packet_commitment: 'c0ed9334b1b8d88bd36c1dd5ae49d6822dfc3ca3a22771e24e416364f205b058',
  packet_commitment_no_height: '865ea71ccede4a4cb7f079199943db817696e22b7158e139e0a297577b296648',
  ack_commitment: '08f7557ed51826fe18d84512bf24ec75001edbaf2123a477df72a0a9f3640a7c',
  escrow_transfer_channel0: 'ed23c6f4443f49c4b08f856350a5d2c65a203235',
};

const clientState = (frozen: boolean) =>
  ClientState.fromPartial({
    chainId: 'hmb-1',
    trustLevel: { numerator: 1n, denominator: 3n },
    trustingPeriod: { seconds: 1209600n },
    unbondingPeriod: { seconds: 1814400n },
    maxClockDrift: { seconds: 20n },
    // frozen height absent: gogoproto still writes the empty non-nullable Height
    ...(frozen ? { frozenHeight: { revisionNumber: 0n, revisionHeight: 1n } } : {}),
    latestHeight: { revisionNumber: 1n, revisionHeight: 42n },
    proofSpecs: sdkSpecs,
    upgradePath: ['upgrade', 'upgradedIBCState'],
  });

test('stored ClientState (Any) equals gogoproto bytes, frozen or not', () => {
  expect(hex(clientStateAnyBytes(clientState(false)))).toBe(GO.clientState_any);
  expect(hex(clientStateAnyBytes(clientState(true)))).toBe(GO.clientState_frozen_any);
});

test('stored ConsensusState (Any) equals gogoproto bytes', () => {
  const cs = ConsensusState.fromPartial({
    timestamp: { seconds: 1800000000n, nanos: 123456789 },
    root: { hash: Uint8Array.from({ length: 32 }, (_, i) => i + 1) },
    nextValidatorsHash: Uint8Array.from({ length: 32 }, (_, i) => 0xa0 + i),
  });
  expect(hex(consensusStateAnyBytes(cs))).toBe(GO.consensusState_any);
});

test('stored ConnectionEnd equals gogoproto bytes (INIT with empty counterparty connection, OPEN)', () => {
  const version = { identifier: '1', features: ['ORDER_ORDERED', 'ORDER_UNORDERED'] };
  const init = ConnectionEnd.fromPartial({ clientId: '07-tendermint-0', versions: [version], state: ConnState.STATE_INIT, counterparty: { clientId: '07-tendermint-1', prefix: { keyPrefix: enc('ibc') } } });
  expect(hex(connectionBytes(init))).toBe(GO.connection_init);
  const open = ConnectionEnd.fromPartial({ clientId: '07-tendermint-0', versions: [version], state: ConnState.STATE_OPEN, counterparty: { clientId: '07-tendermint-1', connectionId: 'connection-3', prefix: { keyPrefix: enc('ibc') } } });
  expect(hex(connectionBytes(open))).toBe(GO.connection_open);
});

test('stored Channel equals gogoproto bytes', () => {
  const init = Channel.fromPartial({ state: ChannelState.STATE_INIT, ordering: Order.ORDER_UNORDERED, counterparty: { portId: 'transfer' }, connectionHops: ['connection-0'], version: 'ics20-1' });
  expect(hex(channelBytes(init))).toBe(GO.channel_init);
  const open = Channel.fromPartial({ state: ChannelState.STATE_OPEN, ordering: Order.ORDER_ORDERED, counterparty: { portId: 'transfer', channelId: 'channel-7' }, connectionHops: ['connection-0'], version: 'ics20-1' });
  expect(hex(channelBytes(open))).toBe(GO.channel_open);
});

test('packet and acknowledgement commitments equal ibc-go CommitPacket / CommitAcknowledgement', () => {
  const data = enc('{"amount":"100","denom":"uhyper","receiver":"hyper1receiver","sender":"hyper1sender"}');
  expect(hex(commitPacket({ data, timeoutHeight: { revisionNumber: 1n, revisionHeight: 1000n }, timeoutTimestamp: 1800000000000000000n }))).toBe(GO.packet_commitment);
  expect(hex(commitPacket({ data, timeoutTimestamp: 1800000000000000000n }))).toBe(GO.packet_commitment_no_height);
  expect(hex(commitAcknowledgement(enc('{"result":"AQ=="}')))).toBe(GO.ack_commitment);
});

test('escrow address of transfer/channel-0 equals ibc-go GetEscrowAddress', () => {
  const addr = escrowAddress('transfer', 'channel-0');
  expect(hex(addr)).toBe(GO.escrow_transfer_channel0);
  expect(addressCodec('cosmos').encode(addr)).toBe('cosmos1a53udazy8ayufvy0s434pfwjcedzqv34kvz9tw');
});

test('voucher denom of uatom over transfer/channel-0', () => {
  expect(ibcDenom({ path: 'transfer/channel-0', baseDenom: 'uatom' })).toBe('ibc/27394FB092D2ECCD56123C74F36E4C1F926001CEADA9CA97EA622B25F41E5EB2');
});
