/** gentxs at InitChain: a signed MsgCreateValidator becomes the genesis validator set; a tampered one stops the chain. */
import { DirectSecp256k1HdWallet } from '@cosmjs/proto-signing';
import { BaseAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import { GenesisState as AuthGenesis } from 'cosmjs-types/cosmos/auth/v1beta1/genesis';
import { GenesisState as BankGenesis } from 'cosmjs-types/cosmos/bank/v1beta1/genesis';
import { GenesisState as GenutilGenesis } from 'cosmjs-types/cosmos/genutil/v1beta1/genesis';
import { buildGenTx } from '../../src/cli/node/localnet_genesis';
import { DEFAULT_PARAMS as AUTH_DEFAULTS } from '../auth/params';
import { CHAIN_ID, consKey, startTestApp } from '../../test/helpers/test_app';

const MNEMONIC = 'abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about';

async function genesisWith(genTx: Uint8Array, operator: string) {
  return {
    auth: AuthGenesis.toJSON(
      AuthGenesis.fromPartial({
        params: AUTH_DEFAULTS,
        accounts: [{ typeUrl: BaseAccount.typeUrl, value: BaseAccount.encode(BaseAccount.fromPartial({ address: operator, accountNumber: 0n })).finish() }],
      }),
    ),
    bank: BankGenesis.toJSON(BankGenesis.fromPartial({ params: { defaultSendEnabled: true }, balances: [{ address: operator, coins: [{ denom: 'uhyper', amount: '1000000000' }] }] })),
    genutil: GenutilGenesis.toJSON(GenutilGenesis.fromPartial({ genTxs: [genTx] })),
  };
}

describe('genutil', () => {
  let operator: string;
  beforeAll(async () => {
    [{ address: operator }] = await (await DirectSecp256k1HdWallet.fromMnemonic(MNEMONIC, { prefix: 'hyper' })).getAccounts();
  });

  test('a gentx makes its validator the genesis set (power = stake / 10^6)', async () => {
    const genTx = await buildGenTx({ chainId: CHAIN_ID, operatorMnemonic: MNEMONIC, accountNumber: 0n, consensusPubKey: consKey(7), selfDelegation: 42_000_000n, moniker: 'g' });
    const t = await startTestApp([], { genesis: await genesisWith(genTx, operator) });
    try {
      expect(t.initChain.validators.map((v) => [Buffer.from(v.pubKey.ed25519!).toString('hex'), v.power])).toEqual([[Buffer.from(consKey(7)).toString('hex'), 42n]]);
      await t.block([]);
      expect(t.lastBlock!.validatorUpdates).toHaveLength(0);
    } finally {
      await t.close();
    }
  });

  test.each([
    ['signed for another chain', { chainId: 'other-chain' }],
    ['signed with the wrong account number', { accountNumber: 5n }],
  ])('a gentx %s stops InitChain', async (_name, over) => {
    const genTx = await buildGenTx({ chainId: CHAIN_ID, operatorMnemonic: MNEMONIC, accountNumber: 0n, consensusPubKey: consKey(7), selfDelegation: 42_000_000n, moniker: 'g', ...over });
    await expect(startTestApp([], { genesis: await genesisWith(genTx, operator) })).rejects.toThrow(/genesis transaction 0 failed: sdk\/4/);
  });

  test('a gentx whose amount was edited after signing stops InitChain', async () => {
    const genTx = await buildGenTx({ chainId: CHAIN_ID, operatorMnemonic: MNEMONIC, accountNumber: 0n, consensusPubKey: consKey(7), selfDelegation: 42_000_000n, moniker: 'g' });
    const edited = new TextEncoder().encode(new TextDecoder().decode(genTx).replace('"42000000"', '"43000000"'));
    await expect(startTestApp([], { genesis: await genesisWith(edited, operator) })).rejects.toThrow(/genesis transaction 0 failed: sdk\/4/);
  });
});
