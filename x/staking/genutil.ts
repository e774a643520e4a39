/**
 * The genutil genesis section (cosmos.genutil.v1beta1.GenesisState): gen_txs are signed txs, each
 * with one MsgCreateValidator, embedded as JSON (the SDK's gentx files). InitChain delivers them
 * through the full tx pipeline (signatures, sequences, the staking handler), after every other
 * module's genesis, and returns the resulting validator set to CometBFT, so genesis.json can say
 * `validators: []`. This is how `hypermesh init` and `hypermesh localnet` create their validators.
 */
import { GenesisState } from 'cosmjs-types/cosmos/genutil/v1beta1/genesis';
import { Tx } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { MsgCreateValidator } from 'cosmjs-types/cosmos/staking/v1beta1/tx';
import type { AppModule } from '../../src/app/module';
import { fromSdkJson, toSdkJsonOf } from '../../src/codec/proto_json';
import type { Context } from '../../src/types/context';
import { sdk } from '../../src/types/errors';
import type { StakingKeeper } from './keeper';

export const GENUTIL_MODULE = 'genutil';

/** Runs one signed tx (TxRaw bytes) in the genesis context; the app wires it to its tx pipeline. */
export interface GenesisTxDeliverer {
  deliver?: (ctx: Context, txBytes: Uint8Array) => { code: number; codespace: string; log: string };
}

const utf8 = new TextDecoder();
const toUtf8 = new TextEncoder();

/** TxRaw bytes of a gentx given as SDK JSON (a Tx and a TxRaw have the same wire form). */
export function genTxBytes(json: unknown): Uint8Array {
  return fromSdkJson('cosmos.tx.v1beta1.Tx', json);
}

/** The SDK JSON of a signed tx (TxRaw bytes), as it goes into gen_txs. */
export function genTxJson(txBytes: Uint8Array): unknown {
  return toSdkJsonOf(Tx, Tx.decode(txBytes));
}

export function genutilModule(k: StakingKeeper, deliverer: GenesisTxDeliverer): AppModule {
  const decode = (raw: Uint8Array) => {
    const json = JSON.parse(utf8.decode(raw));
    const tx = Tx.decode(genTxBytes(json));
    const msgs = tx.body?.messages ?? [];
    if (msgs.length !== 1 || msgs[0].typeUrl !== MsgCreateValidator.typeUrl) {
      throw sdk.InvalidRequest('a genesis transaction must contain exactly one MsgCreateValidator');
    }
    return json;
  };
  return {
    name: GENUTIL_MODULE,
    genesis: {
      type: GenesisState,
      default: () => GenesisState.fromPartial({ genTxs: [] }),
      validate: (g) => {
        for (const raw of g.genTxs) decode(raw);
      },
      init: (ctx, g) => {
        if (g.genTxs.length === 0) return [];
        const deliver = deliverer.deliver;
        if (!deliver) throw new Error('genutil: no tx deliverer wired');
        for (const [i, raw] of g.genTxs.entries()) {
          const res = deliver(ctx, genTxBytes(decode(raw)));
          if (res.code !== 0) throw new Error(`genesis transaction ${i} failed: ${res.codespace}/${res.code}: ${res.log}`);
        }
        return k.applyAndReturnValidatorSetUpdates(ctx);
      },
      export: () => GenesisState.fromPartial({ genTxs: [] }),
    },
  };
}

export function encodeGenTx(txBytes: Uint8Array): Uint8Array {
  return toUtf8.encode(JSON.stringify(genTxJson(txBytes)));
}
