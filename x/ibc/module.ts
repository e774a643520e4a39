/**
 * x/ibc as an app module: 02-client, 03-connection, 04-channel and the port router, built from
 * the staking keeper (self client checks) and the applications bound to ports (x/transfer).
 */
import type { AppModule } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import type { SignatureVerifier } from '../../src/crypto/verify';
import { ChannelKeeper } from './channel_keeper';
import { ClientKeeper } from './client_keeper';
import { ConnectionKeeper } from './connection_keeper';
import type { StakingKeeper } from './expected_keepers';
import { ibcGenesis } from './genesis';
import { ModuleName } from './keys';
import { ibcMsgs } from './msg_server';
import { PortRouter } from './port_router';
import { ibcQueries } from './query_server';

export class IbcKeeper {
  readonly ports = new PortRouter();
  readonly clients: ClientKeeper;
  readonly connections: ConnectionKeeper;
  readonly channels: ChannelKeeper;

  constructor(deps: { staking: StakingKeeper; verifier?: SignatureVerifier }) {
    this.clients = new ClientKeeper(deps.staking, deps.verifier);
    this.connections = new ConnectionKeeper(this.clients);
    this.channels = new ChannelKeeper(this.clients, this.connections, this.ports);
  }
}

export function ibcModule(k: IbcKeeper, addrs: AddressCodec): AppModule {
  return {
    name: ModuleName,
    msgs: ibcMsgs(k, addrs),
    queries: ibcQueries(k),
    genesis: ibcGenesis(),
  };
}
