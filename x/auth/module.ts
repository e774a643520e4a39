/** x/auth as an app module. */
import { PubKey as Ed25519PubKey } from 'cosmjs-types/cosmos/crypto/ed25519/keys';
import { PubKey as Secp256k1PubKey } from 'cosmjs-types/cosmos/crypto/secp256k1/keys';
import type { AppModule } from '../../src/app/module';
import { authGenesis } from './genesis';
import type { AuthKeeper } from './keeper';
import { ModuleName } from './keys';
import { authMsgs } from './msg_server';
import { authQueries } from './query_server';

export function authModule(k: AuthKeeper, authority: string): AppModule {
  return {
    name: ModuleName,
    msgs: authMsgs(k, authority),
    queries: authQueries(k),
    genesis: authGenesis(k),
    registerTypes: (registry) => {
      registry.register(Secp256k1PubKey, Ed25519PubKey);
      for (const t of k.accountTypes) registry.register(t.codec);
    },
  };
}
