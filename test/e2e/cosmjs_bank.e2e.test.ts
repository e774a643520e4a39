/**
 * Issue 5 end to end: @cosmjs/stargate 0.39 against a real devnet. Sends in both sign modes,
 * getTx/searchTx, simulate, an ed25519 account, every kind of bad input rejected with its SDK
 * code and no state change, 2,000 concurrent transfers each committed once, 1,000 garbage txs.
 */
import { Secp256k1HdWallet } from '@cosmjs/amino';
import { toHex } from '@cosmjs/encoding';
import { DirectSecp256k1HdWallet, type EncodeObject } from '@cosmjs/proto-signing';
import { calculateFee, GasPrice, SigningStargateClient, StargateClient, type StdFee } from '@cosmjs/stargate';
import { Comet38Client } from '@cosmjs/tendermint-rpc';
import { randomBytes } from 'node:crypto';
import { addressOf } from '../../src/crypto/pubkey';
import { publicKeyOf } from '../../src/crypto/sign';
import { createDevnet, rpcGet, waitFor, waitForHeight, type Devnet } from './helpers/devnet';
import { msgSend, signEd25519Tx, signTx, type TestKey } from '../helpers/tx_builder';

jest.setTimeout(600_000);

const FEE: StdFee = { amount: [{ denom: 'uhyper', amount: '5000' }], gas: '200000' };
const gasPrice = GasPrice.fromString('0.01uhyper');

describe('cosmjs against a devnet', () => {
  let net: Devnet;
  let client: StargateClient;
  let comet: Comet38Client;

  beforeAll(async () => {
    net = await createDevnet({ extraInit: ['--dev-accounts', '25'] });
    await net.start();
    await waitForHeight(net.rpc, 2);
    client = await StargateClient.connect(net.rpc);
    comet = await Comet38Client.connect(net.rpc);
  });
  afterAll(async () => {
    client?.disconnect();
    comet?.disconnect();
    await net?.cleanup();
  });

  const balance = async (a: string) => BigInt((await client.getBalance(a, 'uhyper')).amount);
  const sequence = async (a: string) => (await client.getSequence(a)).sequence;
  const keyOf = async (i: number): Promise<TestKey> => {
    const w = await DirectSecp256k1HdWallet.fromMnemonic(net.devAccounts[i].mnemonic, { prefix: 'hyper' });
    const [{ address, pubkey }] = await w.getAccounts();
    const privkey = (await (w as any).getAccountsWithPrivkeys())[0].privkey as Uint8Array;
    return { address, pubkey, privkey };
  };

  test('sendTokens with DirectSecp256k1HdWallet and Secp256k1HdWallet (amino) move exactly amount + fee', async () => {
    const recipient = net.devAccounts[1].address;
    for (const make of [
      () => DirectSecp256k1HdWallet.fromMnemonic(net.devAccounts[0].mnemonic, { prefix: 'hyper' }),
      () => Secp256k1HdWallet.fromMnemonic(net.devAccounts[0].mnemonic, { prefix: 'hyper' }),
    ]) {
      const wallet = await make();
      const signer = await SigningStargateClient.connectWithSigner(net.rpc, wallet);
      const [{ address }] = await wallet.getAccounts();
      const [fromBefore, toBefore] = [await balance(address), await balance(recipient)];
      const res = await signer.sendTokens(address, recipient, [{ denom: 'uhyper', amount: '12345' }], FEE, 'hello');
      expect(res.code).toBe(0);
      expect(await balance(address)).toBe(fromBefore - 12345n - 5000n);
      expect(await balance(recipient)).toBe(toBefore + 12345n);

      const found = await client.getTx(res.transactionHash);
      expect(found?.height).toBe(res.height);
      const bySender = await client.searchTx(`message.sender='${address}' AND tx.height=${res.height}`);
      expect(bySender.map((t) => t.hash)).toContain(res.transactionHash);
      const byRecipient = await client.searchTx(`transfer.recipient='${recipient}'`);
      expect(byRecipient.map((t) => t.hash)).toContain(res.transactionHash);
      signer.disconnect();
    }
  });

  test('simulate gives a gas estimate that, × 1.4, is enough ("auto" fee)', async () => {
    const wallet = await DirectSecp256k1HdWallet.fromMnemonic(net.devAccounts[2].mnemonic, { prefix: 'hyper' });
    const signer = await SigningStargateClient.connectWithSigner(net.rpc, wallet, { gasPrice });
    const [{ address }] = await wallet.getAccounts();
    const msg = msgSend(address, net.devAccounts[3].address, 7);
    const estimate = await signer.simulate(address, [msg], '');
    expect(estimate).toBeGreaterThan(30_000);
    expect(estimate).toBeLessThan(200_000);
    const res = await signer.signAndBroadcast(address, [msg], 'auto');
    expect(res.code).toBe(0);
    expect(Number(res.gasUsed)).toBeLessThanOrEqual(Math.round(estimate * 1.4));
    signer.disconnect();
  });

  test('an ed25519 account key signs a tx that is accepted', async () => {
    const priv = new Uint8Array(randomBytes(32));
    const address = addressOf(publicKeyOf('ed25519', priv));
    const funder = await keyOf(4);
    const fund = await signTx(funder, [msgSend(funder.address, address, 100_000)], { chainId: net.chainId, accountNumber: 4, sequence: await sequence(funder.address), fee: FEE });
    expect((await comet.broadcastTxCommit({ tx: fund })).txResult?.code).toBe(0);
    const acc = await client.getAccount(address);
    const tx = signEd25519Tx(priv, [msgSend(address, funder.address, 10)], { chainId: net.chainId, accountNumber: acc!.accountNumber, sequence: 0, fee: FEE });
    const res = await comet.broadcastTxCommit({ tx });
    expect([res.checkTx.code, res.txResult?.code]).toEqual([0, 0]);
    expect(await balance(address)).toBe(100_000n - 10n - 5000n);
  });

  describe('bad input is rejected with its SDK code and changes nothing', () => {
    let key: TestKey;
    let accountNumber: number;
    beforeAll(async () => {
      key = await keyOf(5);
      accountNumber = Number((await client.getAccount(key.address))!.accountNumber);
    });
    const send = (over: { msgs?: EncodeObject[]; sequence?: number; chainId?: string; accountNumber?: number; fee?: StdFee; memo?: string } = {}) =>
      sequence(key.address).then((seq) =>
        signTx(key, over.msgs ?? [msgSend(key.address, net.devAccounts[6].address, 1)], {
          chainId: over.chainId ?? net.chainId,
          accountNumber: over.accountNumber ?? accountNumber,
          sequence: over.sequence ?? seq,
          fee: over.fee ?? FEE,
          memo: over.memo,
        }),
      );
    const rawSend = (amount: string, to = net.devAccounts[6].address): EncodeObject => ({
      typeUrl: '/cosmos.bank.v1beta1.MsgSend',
      value: { fromAddress: key.address, toAddress: to, amount: [{ denom: 'uhyper', amount }] },
    });
    const cases: [string, () => Promise<Uint8Array>, number][] = [
      ['malformed bytes', async () => Uint8Array.from([0x0a, 0xff, 0x01, 0x02]), 2],
      ['wrong chain id', () => send({ chainId: 'not-this-chain' }), 4],
      ['wrong sequence', () => send({ sequence: 999 }), 32],
      ['wrong account number', () => send({ accountNumber: 12345 }), 4],
      ['bad signature', async () => {
        const tx = await send();
        tx[tx.length - 5] ^= 0xff; // inside the signature, the last field of TxRaw
        return tx;
      }, 4],
      ['insufficient funds', () => send({ msgs: [rawSend('999999999999999999')] }), 5],
      ['fee below the minimum gas price', () => send({ fee: { amount: [{ denom: 'uhyper', amount: '10' }], gas: '200000' } }), 13],
      ['out of gas', () => send({ fee: { amount: [{ denom: 'uhyper', amount: '5000' }], gas: '20000' } }), 11],
      ['zero amount', () => send({ msgs: [rawSend('0')] }), 10],
      ['negative amount', () => send({ msgs: [rawSend('-5')] }), 10],
      ['overflowing amount', () => send({ msgs: [rawSend((1n << 256n).toString())] }), 10],
      ['invalid bech32 recipient', () => send({ msgs: [rawSend('1', 'hyper1notanaddress')] }), 7],
      ['oversized memo', () => send({ memo: 'm'.repeat(257) }), 12],
      ['tx over max bytes', () => send({ memo: 'x'.repeat(600_000) }), 21],
    ];
    test.each(cases)('%s', async (_name, build, code) => {
      const [balBefore, seqBefore] = [await balance(key.address), await sequence(key.address)];
      const res = await comet.broadcastTxSync({ tx: await build() });
      expect({ code: res.code, codespace: res.codespace }).toEqual({ code, codespace: 'sdk' });
      await waitForHeight(net.rpc, (await client.getHeight()) + 1);
      expect([await balance(key.address), await sequence(key.address)]).toEqual([balBefore, seqBefore]);
    });

    test('sending locked vesting coins: sdk/5', async () => {
      const wallet = await DirectSecp256k1HdWallet.fromMnemonic(net.devAccounts[7].mnemonic, { prefix: 'hyper' });
      const signer = await SigningStargateClient.connectWithSigner(net.rpc, wallet, { gasPrice });
      const vestingPriv = new Uint8Array(randomBytes(32));
      vestingPriv[0] = 1;
      const vkey: TestKey = { privkey: vestingPriv, pubkey: publicKeyOf('secp256k1', vestingPriv).key, address: addressOf(publicKeyOf('secp256k1', vestingPriv)) };
      const create = {
        typeUrl: '/cosmos.vesting.v1beta1.MsgCreateVestingAccount',
        value: {
          fromAddress: net.devAccounts[7].address,
          toAddress: vkey.address,
          amount: [{ denom: 'uhyper', amount: '1000000' }],
          endTime: BigInt(Math.floor(Date.now() / 1000) + 365 * 86400),
          delayed: false,
        },
      };
      const created = await signer.signAndBroadcast(net.devAccounts[7].address, [create], calculateFee(200_000, gasPrice));
      expect(created.code).toBe(0);
      // a little unlocked for the fee, then try to send the locked rest
      await signer.sendTokens(net.devAccounts[7].address, vkey.address, [{ denom: 'uhyper', amount: '10000' }], FEE);
      signer.disconnect();
      const acc = (await client.getAccount(vkey.address))!;
      const before = await balance(vkey.address);
      const tx = await signTx(vkey, [msgSend(vkey.address, net.devAccounts[6].address, 900_000)], { chainId: net.chainId, accountNumber: acc.accountNumber, sequence: 0, fee: FEE });
      const res = await comet.broadcastTxSync({ tx });
      expect([res.codespace, res.code]).toEqual(['sdk', 5]);
      expect(res.log).toMatch(/spendable balance/);
      expect(await balance(vkey.address)).toBe(before);
    });
  });

  test('2,000 transfers from 20 accounts, broadcast concurrently, are each committed exactly once; supply = sum of balances', async () => {
    const senders = await Promise.all(Array.from({ length: 20 }, (_, i) => keyOf(i + 5)));
    const perAccount = 100;
    const sent: string[] = [];
    const start = await client.getHeight();
    await Promise.all(
      senders.map(async (k) => {
        const acc = (await client.getAccount(k.address))!;
        for (let n = 0; n < perAccount; n++) {
          const tx = await signTx(k, [msgSend(k.address, net.devAccounts[0].address, 1)], {
            chainId: net.chainId,
            accountNumber: acc.accountNumber,
            sequence: acc.sequence + n,
            fee: FEE,
          });
          const res = await comet.broadcastTxSync({ tx });
          expect(res.code).toBe(0);
          sent.push(toHex(res.hash).toUpperCase());
        }
      }),
    );
    expect(new Set(sent).size).toBe(2000);
    // every hash found once, in a block after we started
    await waitFor(async () => (await rpcGet(net.rpc, '/num_unconfirmed_txs')).total === '0', 120_000, () => 'mempool did not drain');
    const seen = new Map<string, number>();
    const end = await client.getHeight();
    for (let h = start; h <= end; h++) {
      const block = await comet.block(h);
      for (const tx of block.block.txs) {
        const hash = toHex(require('node:crypto').createHash('sha256').update(tx).digest()).toUpperCase();
        seen.set(hash, (seen.get(hash) ?? 0) + 1);
      }
      const results = await comet.blockResults(h);
      expect(results.results.every((r) => r.code === 0)).toBe(true);
    }
    for (const h of sent) expect(seen.get(h)).toBe(1);

    // supply invariant: total supply of uhyper equals the sum of every account's balance, all read
    // at one height (mint and fee burning change the supply every block)
    const h = await client.getHeight();
    const supply = BigInt(await totalSupply(h));
    let sum = 0n;
    for await (const address of allAccounts(h)) sum += await balanceAt(address, h);
    expect(sum).toBe(supply);
  });

  test('1,000 random byte strings are all rejected and blocks keep coming', async () => {
    const h0 = await client.getHeight();
    for (let i = 0; i < 1000; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, () => comet.broadcastTxSync({ tx: new Uint8Array(randomBytes(1 + Math.floor(Math.random() * 300))) })),
      );
      for (const r of batch) expect(r.code).not.toBe(0);
    }
    await waitForHeight(net.rpc, h0 + 3);
  });

  async function queryAt<T>(path: string, data: Uint8Array, height: number, decode: (b: Uint8Array) => T): Promise<T> {
    const { QueryClient } = await import('@cosmjs/stargate');
    const res = await QueryClient.withExtensions(comet).queryAbci(path, data, height);
    return decode(res.value);
  }

  async function totalSupply(height: number): Promise<string> {
    const { QuerySupplyOfRequest, QuerySupplyOfResponse } = await import('cosmjs-types/cosmos/bank/v1beta1/query');
    const r = await queryAt('/cosmos.bank.v1beta1.Query/SupplyOf', QuerySupplyOfRequest.encode({ denom: 'uhyper' }).finish(), height, QuerySupplyOfResponse.decode);
    return r.amount!.amount;
  }

  async function balanceAt(address: string, height: number): Promise<bigint> {
    const { QueryBalanceRequest, QueryBalanceResponse } = await import('cosmjs-types/cosmos/bank/v1beta1/query');
    const r = await queryAt('/cosmos.bank.v1beta1.Query/Balance', QueryBalanceRequest.encode({ address, denom: 'uhyper' }).finish(), height, QueryBalanceResponse.decode);
    return BigInt(r.balance!.amount);
  }

  async function* allAccounts(height: number): AsyncGenerator<string> {
    const { accountFromAny } = await import('@cosmjs/stargate');
    const { QueryAccountsRequest, QueryAccountsResponse } = await import('cosmjs-types/cosmos/auth/v1beta1/query');
    let key: Uint8Array | undefined;
    do {
      const req = QueryAccountsRequest.encode({ pagination: key ? { key, offset: 0n, limit: 100n, countTotal: false, reverse: false } : undefined }).finish();
      const page = await queryAt('/cosmos.auth.v1beta1.Query/Accounts', req, height, QueryAccountsResponse.decode);
      for (const any of page.accounts) yield accountFromAny(any).address;
      key = page.pagination?.nextKey?.length ? page.pagination.nextKey : undefined;
    } while (key);
  }
});
