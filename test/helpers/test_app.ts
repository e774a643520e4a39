/**
 * An in-process HyperMesh app on a temporary LevelDB, driven through its ABCI methods as CometBFT
 * would drive it: InitChain, then blocks of FinalizeBlock + Commit. For unit tests of the state
 * machine; end-to-end tests use a real CometBFT instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BaseAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import { GenesisState as AuthGenesis } from 'cosmjs-types/cosmos/auth/v1beta1/genesis';
import { GenesisState as BankGenesis } from 'cosmjs-types/cosmos/bank/v1beta1/genesis';
import { CheckTxType, RequestFinalizeBlock, type ExecTxResult } from 'cosmjs-types/tendermint/abci/types';
import { ConsensusParams } from 'cosmjs-types/tendermint/types/params';
import { createHyperMeshApp } from '../../src/app/app';
import type { GenesisCodec } from '../../src/app/base_app';
import { RootMultiStore } from '../../src/store/root_multistore';
import { STORE_NAMES } from '../../src/app/app';
import { parseDecCoins } from '../../src/types/dec_coins';
import { DEFAULT_PARAMS as AUTH_DEFAULTS } from '../../x/auth/params';
import { DEFAULT_PARAMS as BANK_DEFAULTS } from '../../x/bank/params';

export const CHAIN_ID = 'hypermesh-test-1';

/** Genesis sections in cosmjs-types' own JSON (camelCase): enough for unit tests of the pipeline. */
export const objectGenesisCodec: GenesisCodec = {
  decode: (g, json) => (g.type as any).fromJSON(json),
  encode: (g, value) => (g.type as any).toJSON(value),
};

export interface Funded {
  address: string;
  uhyper: bigint;
}

export async function startTestApp(funded: Funded[], o: { minGasPrices?: string; maxGas?: bigint } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-app-'));
  const cms = await RootMultiStore.open({ path: dir, storeNames: STORE_NAMES });
  const built = createHyperMeshApp({
    chainId: CHAIN_ID,
    version: 'test',
    cms,
    minGasPrices: parseDecCoins(o.minGasPrices ?? '0.01uhyper'),
    genesisCodec: objectGenesisCodec,
  });
  const { app } = built;
  const appState = {
    auth: AuthGenesis.toJSON(AuthGenesis.fromPartial({
      params: AUTH_DEFAULTS,
      accounts: funded.map((f, i) => ({
        typeUrl: BaseAccount.typeUrl,
        value: BaseAccount.encode(BaseAccount.fromPartial({ address: f.address, accountNumber: BigInt(i) })).finish(),
      })),
    })),
    bank: BankGenesis.toJSON(BankGenesis.fromPartial({
      params: BANK_DEFAULTS,
      balances: funded.map((f) => ({ address: f.address, coins: [{ denom: 'uhyper', amount: f.uhyper.toString() }] })),
    })),
  };
  const t0 = 1_800_000_000n;
  app.initChain({
    time: { seconds: t0, nanos: 0 },
    chainId: CHAIN_ID,
    consensusParams: ConsensusParams.fromPartial({ block: { maxBytes: 22020096n, maxGas: o.maxGas ?? 1_000_000_000n } }),
    validators: [],
    appStateBytes: new TextEncoder().encode(JSON.stringify(appState)),
    initialHeight: 1n,
  });
  let height = 0;

  async function block(txs: Uint8Array[]): Promise<ExecTxResult[]> {
    height++;
    const res = app.finalizeBlock(
      RequestFinalizeBlock.fromPartial({ txs, height: BigInt(height), time: { seconds: t0 + BigInt(height), nanos: 0 } }),
    );
    await app.commit();
    return res.txResults;
  }

  return {
    ...built,
    cms,
    dir,
    block,
    checkTx: (tx: Uint8Array, recheck = false) => app.checkTx({ tx, type: recheck ? CheckTxType.RECHECK : CheckTxType.NEW }),
    get height() {
      return height;
    },
    async close() {
      await cms.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
