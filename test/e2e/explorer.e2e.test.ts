/**
 * Issue 12 (explorer): a person's walk through the explorer in headless Chromium against a real
 * devnet, served by `hypermesh start` itself on its REST port (the node feeds its indexer after
 * every commit). A bank MsgSend sent during the test must show up decoded, on the sender's
 * account page with the new balance, and in the analytics tx/s chart.
 *
 * Needs /usr/bin/chromium (scripts/install-chromium.sh); skipped with a note when it is absent.
 * Screenshots go to test/e2e/artifacts/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeCosmoshubPath } from '@cosmjs/amino';
import { Bip39, EnglishMnemonic, Slip10, Slip10Curve } from '@cosmjs/crypto';
import { DirectSecp256k1HdWallet } from '@cosmjs/proto-signing';
import { BaseAccount } from 'cosmjs-types/cosmos/auth/v1beta1/auth';
import { QueryAccountRequest, QueryAccountResponse } from 'cosmjs-types/cosmos/auth/v1beta1/query';
import { QueryBalanceRequest, QueryBalanceResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { queryProto, rpcQueryFn } from '../../src/explorer/query';
import { cometRpc } from '../../src/explorer/rpc';
import { msgSend, signTx, type TestKey } from '../helpers/tx_builder';
import { createDevnet, rpcGet, waitFor, waitForHeight, type Devnet } from './helpers/devnet';

jest.setTimeout(300_000);

const ROOT = path.resolve(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'test/e2e/artifacts');
const WEB_DIST = path.join(ROOT, 'src/explorer/web/dist');
const haveChromium = fs.existsSync(CHROMIUM);
const maybe = haveChromium ? describe : describe.skip;
if (!haveChromium) console.warn(`explorer e2e skipped: ${CHROMIUM} is missing (run scripts/install-chromium.sh)`);

maybe('explorer in a browser against a devnet', () => {
  let net: Devnet;
  let base: string;
  let browser: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
      execFileSync('npm', ['run', '--silent', 'build:explorer'], { cwd: ROOT, stdio: 'inherit' });
    }
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    net = await createDevnet();
    await net.start();
    await waitForHeight(net.rpc, 2);

    base = `http://127.0.0.1:${net.ports.api}`;
    await waitFor(async () => (await fetch(`${base}/explorer/api/status`).catch(() => undefined))?.ok === true, 30_000, () => `no explorer at ${base}`);

    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hm-chromium-'));
    // a fresh profile: playwright passes it to Chromium as --user-data-dir
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1400, height: 1000 },
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await net?.cleanup();
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  });

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `explorer-${name}.png`), fullPage: true });
  const latestShown = async () => Number((await page.getByTestId('latest-height').textContent())?.replace(/,/g, '') || 0);

  test('the dashboard shows the height advancing without a reload', async () => {
    await page.goto(base + '/');
    await page.getByTestId('block-row').first().waitFor();
    await waitFor(async () => (await latestShown()) > 0, 20_000, () => 'no height shown');
    const h0 = await latestShown();
    const navigations: string[] = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));
    await waitFor(async () => (await latestShown()) >= h0 + 2, 30_000, () => `height stuck at ${h0}`);
    // the block list follows too, and nothing reloaded the page
    await waitFor(async () => Number(await page.getByTestId('block-row').first().locator('a').first().textContent()) >= h0 + 1, 10_000, () => 'block list not updated');
    expect(navigations).toEqual([]);
    // live rows and fetched rows join without holes
    const heights = (await page.getByTestId('block-row').locator('td:first-child a').allTextContents()).map(Number);
    expect(heights).toEqual(heights.map((_, i) => heights[0] - i));
    await shot('dashboard');
  });

  test('clicking a block opens its page', async () => {
    const link = page.getByTestId('block-row').nth(1).locator('a').first();
    const h = Number(await link.textContent());
    await link.click();
    await page.getByTestId('block-title').waitFor();
    expect(await page.getByTestId('block-title').textContent()).toBe(`Block ${h.toLocaleString('en-US')}`);
    expect(page.url()).toBe(`${base}/block/${h}`);
    await expect(page.locator('text=App hash (after block)').count()).resolves.toBe(1);
    await shot('block');
  });

  test('a MsgSend sent now: decoded tx page, sender balance, analytics chart', async () => {
    const [sender, recipient] = net.devAccounts;
    const key = await deriveKey(sender.mnemonic);
    expect(key.address).toBe(sender.address);
    const query = rpcQueryFn(cometRpc(net.rpc));
    const acc = await queryProto(query, '/cosmos.auth.v1beta1.Query/Account', QueryAccountRequest, QueryAccountResponse, { address: key.address });
    const base0 = BaseAccount.decode(acc.account!.value);
    const tx = await signTx(key, [msgSend(key.address, recipient.address, 1_234_567)], { chainId: net.chainId, accountNumber: base0.accountNumber, sequence: base0.sequence, memo: 'explorer e2e' });
    const sent = await rpcGet(net.rpc, `/broadcast_tx_sync?tx=0x${Buffer.from(tx).toString('hex')}`);
    expect(sent.code).toBe(0);
    const hash: string = sent.hash;
    // the node's indexer has it (record) and CometBFT has its result
    const detail = async () => fetch(`${base}/explorer/api/txs/${hash}`).then((r) => (r.ok ? r.json() : undefined)) as Promise<{ record?: { code: number }; result?: { code: number } } | undefined>;
    await waitFor(async () => (await detail())?.record !== undefined, 30_000, () => `tx ${hash} not indexed`);
    const d = (await detail())!;
    expect([d.record!.code, d.result!.code]).toEqual([0, 0]);

    // the tx appears live on the dashboard
    await page.goto(base + '/');
    await page.locator(`[data-testid="tx-row"] a[href="/tx/${hash}"]`).waitFor({ timeout: 20_000 });

    // search by hash → tx page with the decoded MsgSend
    await page.getByTestId('search-input').fill(hash.toLowerCase());
    await page.getByTestId('search-input').press('Enter');
    await page.getByTestId('msg-type').waitFor();
    expect(page.url()).toBe(`${base}/tx/${hash}`);
    expect(await page.getByTestId('msg-type').textContent()).toBe('MsgSend');
    expect(await page.getByTestId('msg-amount').textContent()).toBe('1.234567 HYPER');
    expect(await page.getByTestId('tx-status').textContent()).toBe('Success');
    expect(await page.getByTestId('tx-fee').textContent()).toBe('0.002 HYPER');
    expect(await page.locator('table.events').textContent()).toContain('transfer');
    await shot('tx');

    // the sender's account page, with the balance after the send
    const bal = await queryProto(query, '/cosmos.bank.v1beta1.Query/Balance', QueryBalanceRequest, QueryBalanceResponse, { address: key.address, denom: 'uhyper' });
    await page.locator(`.msg a[href="/account/${key.address}"]`).first().click();
    await page.getByTestId('account-balance').waitFor();
    expect(await page.getByTestId('account-address').textContent()).toBe(key.address);
    expect(await page.getByTestId('account-balance').textContent()).toBe(uhyperText(bal.balance!.amount));
    await page.locator(`[data-testid="tx-row"] a[href="/tx/${hash}"]`).waitFor();
    await shot('account');

    // analytics: the tx/s chart over the last 1k blocks has points and counts our tx
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.getByTestId('chart-tps').locator('canvas').waitFor();
    expect(Number(await page.getByTestId('chart-tps').getAttribute('data-points'))).toBeGreaterThan(0);
    expect(Number((await page.getByTestId('analytics-txs').textContent())!.split('/')[1].replace(/[, ]/g, ''))).toBeGreaterThanOrEqual(1);
    const series = (await (await fetch(`${base}/explorer/api/analytics?blocks=1000&points=120`)).json()) as { points: Array<{ tps: number }> };
    expect(series.points.some((p) => p.tps > 0)).toBe(true);
    await shot('analytics');
  });

  test('module pages: gov and resource providers render, a module the chain lacks says so', async () => {
    const enabled = async (restPath: string) => (await fetch(base + restPath)).status !== 501;
    for (const [p, module, restPath] of [
      ['/gov', 'gov', '/cosmos/gov/v1/proposals'],
      ['/providers', 'resource', '/hypermesh/resource/v1/providers'],
      ['/markets', 'market', '/hypermesh/market/v1/trades?denom=rcpu'],
    ] as const) {
      await page.goto(base + p);
      await page.locator('h1, h2').first().waitFor();
      const notEnabled = await page.getByTestId('not-enabled').count();
      if (await enabled(restPath)) expect(notEnabled).toBe(0);
      else expect(await page.getByTestId('not-enabled').first().textContent()).toContain(`Module ${module} not enabled on this chain`);
      await shot(p.slice(1));
    }
    await page.goto(base + '/validators');
    await page.getByTestId('validators-table').waitFor();
    expect(await page.getByTestId('validators-table').locator('tbody tr').count()).toBe(1);
    await shot('validators');
    expect(consoleErrors.filter((e) => !/404|501|Failed to load resource/.test(e))).toEqual([]);
  });
});

async function deriveKey(mnemonic: string): Promise<TestKey> {
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(mnemonic, { prefix: 'hyper' });
  const [account] = await wallet.getAccounts();
  const seed = await Bip39.mnemonicToSeed(new EnglishMnemonic(mnemonic));
  const { privkey } = Slip10.derivePath(Slip10Curve.Secp256k1, seed, makeCosmoshubPath(0));
  return { address: account.address, privkey, pubkey: account.pubkey };
}

/** What the web app shows for an amount of uhyper. */
function uhyperText(amount: string): string {
  const d = amount.padStart(7, '0');
  const whole = d.slice(0, -6).replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = d.slice(-6).replace(/0+$/, '');
  return `${whole}${frac ? '.' + frac : ''} HYPER`;
}
