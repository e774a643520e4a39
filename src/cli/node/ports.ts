/** The ports a node listens on, and their defaults (CometBFT's and the Cosmos SDK's). */
export interface Ports {
  rpc: number;
  p2p: number;
  grpc: number;
  api: number;
}

export const DEFAULT_PORTS: Ports = { rpc: 26657, p2p: 26656, grpc: 9090, api: 1317 };
