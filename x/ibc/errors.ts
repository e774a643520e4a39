/**
 * IBC errors with ibc-go's codespaces and codes (modules/core/{02-client,03-connection,04-channel,
 * 05-port,23-commitment,24-host}/types/errors.go, core/errors, light-clients/07-tendermint/errors.go),
 * so a relayer that matches (codespace, code) understands ours.
 */
import { defineErrors } from '../../src/types/errors';

export const clientErrors = defineErrors('client', {
  ClientExists: [2, 'light client already exists'],
  InvalidClient: [3, 'light client is invalid'],
  ClientNotFound: [4, 'light client not found'],
  ClientFrozen: [5, 'light client is frozen due to misbehaviour'],
  ConsensusStateNotFound: [7, 'consensus state not found'],
  InvalidConsensus: [8, 'invalid consensus state'],
  InvalidClientType: [10, 'invalid client type'],
  InvalidHeader: [12, 'invalid client header'],
  InvalidMisbehaviour: [13, 'invalid light client misbehaviour'],
  FailedClientStateVerification: [14, 'client state verification failed'],
  FailedClientConsensusStateVerification: [15, 'client consensus state verification failed'],
  FailedConnectionStateVerification: [16, 'connection state verification failed'],
  FailedChannelStateVerification: [17, 'channel state verification failed'],
  FailedPacketCommitmentVerification: [18, 'packet commitment verification failed'],
  FailedPacketAckVerification: [19, 'packet acknowledgement verification failed'],
  FailedPacketReceiptVerification: [20, 'packet receipt verification failed'],
  FailedNextSeqRecvVerification: [21, 'next sequence receive verification failed'],
  SelfConsensusStateNotFound: [22, 'self consensus state not found'],
  UpdateClientFailed: [23, 'unable to update light client'],
  InvalidHeight: [26, 'invalid height'],
  ClientNotActive: [29, 'client state is not active'],
  FailedMembershipVerification: [30, 'membership verification failed'],
  FailedNonMembershipVerification: [31, 'non-membership verification failed'],
  ClientTypeNotSupported: [33, 'client type not supported'],
});

export const connectionErrors = defineErrors('connection', {
  ConnectionExists: [2, 'connection already exists'],
  ConnectionNotFound: [3, 'connection not found'],
  ClientConnectionPathsNotFound: [4, 'light client connection paths not found'],
  InvalidConnectionState: [6, 'invalid connection state'],
  InvalidCounterparty: [7, 'invalid counterparty connection'],
  InvalidConnection: [8, 'invalid connection'],
  InvalidVersion: [9, 'invalid connection version'],
  VersionNegotiationFailed: [10, 'connection version negotiation failed'],
  InvalidConnectionIdentifier: [11, 'invalid connection identifier'],
});

export const channelErrors = defineErrors('channel', {
  ChannelExists: [2, 'channel already exists'],
  ChannelNotFound: [3, 'channel not found'],
  InvalidChannel: [4, 'invalid channel'],
  InvalidChannelState: [5, 'invalid channel state'],
  InvalidChannelOrdering: [6, 'invalid channel ordering'],
  InvalidCounterparty: [7, 'invalid counterparty channel'],
  SequenceSendNotFound: [10, 'sequence send not found'],
  SequenceReceiveNotFound: [11, 'sequence receive not found'],
  SequenceAckNotFound: [12, 'sequence acknowledgement not found'],
  InvalidPacket: [13, 'invalid packet'],
  TooManyConnectionHops: [15, 'too many connection hops'],
  InvalidAcknowledgement: [16, 'invalid acknowledgement'],
  AcknowledgementExists: [17, 'acknowledgement for packet already exists'],
  InvalidChannelIdentifier: [18, 'invalid channel identifier'],
  PacketReceived: [19, 'packet already received'],
  PacketCommitmentNotFound: [20, 'packet commitment not found'],
  PacketSequenceOutOfOrder: [21, 'packet sequence is out of order'],
  NoOpMsg: [23, 'message is redundant, no-op will be performed'],
  InvalidChannelVersion: [24, 'invalid channel version'],
  PacketNotSent: [25, 'packet has not been sent'],
  InvalidTimeout: [26, 'invalid packet timeout'],
  TimeoutNotReached: [39, 'timeout not reached'],
  TimeoutElapsed: [40, 'timeout elapsed'],
});

export const portErrors = defineErrors('port', {
  PortExists: [2, 'port is already binded'],
  PortNotFound: [3, 'port not found'],
  InvalidPort: [4, 'invalid port'],
  InvalidRoute: [5, 'route not found'],
});

export const commitmentErrors = defineErrors('commitment', {
  InvalidProof: [2, 'invalid proof'],
  InvalidPrefix: [3, 'invalid prefix'],
  InvalidMerkleProof: [4, 'invalid merkle proof'],
});

export const hostErrors = defineErrors('host', {
  InvalidID: [2, 'invalid identifier'],
  InvalidPath: [3, 'invalid path'],
  InvalidPacket: [4, 'invalid packet'],
});

/** ibc-go modules/core/errors (codespace "ibc"). */
export const ibcErrors = defineErrors('ibc', {
  InvalidSequence: [1, 'invalid sequence'],
  Unauthorized: [2, 'unauthorized'],
  InsufficientFunds: [3, 'insufficient funds'],
  UnknownRequest: [4, 'unknown request'],
  InvalidAddress: [5, 'invalid address'],
  InvalidCoins: [6, 'invalid coins'],
  InvalidRequest: [8, 'invalid request'],
  InvalidHeight: [9, 'invalid height'],
  InvalidVersion: [10, 'invalid version'],
  InvalidChainID: [11, 'invalid chain-id'],
  InvalidType: [12, 'invalid type'],
  UnpackAny: [14, 'failed unpacking protobuf message from Any'],
  Logic: [15, 'internal logic error'],
  NotFound: [16, 'not found'],
});

export const tendermintErrors = defineErrors('07-tendermint', {
  InvalidChainID: [2, 'invalid chain-id'],
  InvalidTrustingPeriod: [3, 'invalid trusting period'],
  InvalidUnbondingPeriod: [4, 'invalid unbonding period'],
  InvalidHeaderHeight: [5, 'invalid header height'],
  InvalidHeader: [6, 'invalid header'],
  InvalidMaxClockDrift: [7, 'invalid max clock drift'],
  ProcessedTimeNotFound: [8, 'processed time not found'],
  ProcessedHeightNotFound: [9, 'processed height not found'],
  DelayPeriodNotPassed: [10, 'packet-specified delay period has not been reached'],
  TrustingPeriodExpired: [11, 'time since latest trusted state has passed the trusting period'],
  UnbondingPeriodExpired: [12, 'time since latest trusted state has passed the unbonding period'],
  InvalidProofSpecs: [13, 'invalid proof specs'],
  InvalidValidatorSet: [14, 'invalid validator set'],
  InvalidTrustLevel: [15, 'invalid trust level'],
});
