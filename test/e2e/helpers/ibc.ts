/**
 * Two HyperMesh devnets and @confio/relayer 0.12 between them, for IBC end-to-end tests. The
 * relayer library brings its own cosmjs 0.32; its wallet and gas price come from that copy.
 */
import path from 'node:path';
import { createDevnet, waitForHeight, type Devnet } from './devnet';

// the relayer's own cosmjs (0.32): its IbcClient takes that version's signer and gas price
const RELAYER_DIR = path.dirname(require.resolve('@confio/relayer/package.json'));
const relayerRequire = (m: string) => require(require.resolve(m, { paths: [RELAYER_DIR] }));
const { DirectSecp256k1HdWallet: RelayerWallet } = relayerRequire('@cosmjs/proto-signing');
const { GasPrice: RelayerGasPrice } = relayerRequire('@cosmjs/stargate');
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const relayer = require('@confio/relayer') as typeof import('@confio/relayer');

export interface Chains {
  a: Devnet;
  b: Devnet;
  stop(): Promise<void>;
}

/** Starts hma-1 and hmb-1 side by side (each its own home and ports). */
export async function startTwoChains(): Promise<Chains> {
  const [a, b] = await Promise.all([
    createDevnet({ chainId: 'hma-1', extraInit: ['--dev-accounts', '6'] }),
    createDevnet({ chainId: 'hmb-1', extraInit: ['--dev-accounts', '6'] }),
  ]);
  await Promise.all([a.start(), b.start()]);
  await Promise.all([waitForHeight(a.rpc, 3), waitForHeight(b.rpc, 3)]);
  return {
    a,
    b,
    async stop() {
      await Promise.all([a.cleanup(), b.cleanup()]);
    },
  };
}

/** A relayer IbcClient on `net`, signing with dev account `i`. */
export async function relayerClient(net: Devnet, i: number): Promise<import('@confio/relayer').IbcClient> {
  const wallet = await RelayerWallet.fromMnemonic(net.devAccounts[i].mnemonic, { prefix: 'hyper' });
  const [{ address }] = await wallet.getAccounts();
  const client = await relayer.IbcClient.connectWithSigner(net.rpc, wallet, address, {
    gasPrice: RelayerGasPrice.fromString('0.025uhyper'),
    estimatedBlockTime: 400,
    estimatedIndexerTime: 150,
  });
  // The relayer's own gas estimates (fee-less simulation × its default multiplier) are enough:
  // simulation charges the fee deduction's gas (src/app/ante/fees.ts).
  return client;
}
