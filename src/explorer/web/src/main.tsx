/** The explorer web app: layout, search, live height, routes. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { IndexStatus } from '../../types';
import { api, ApiFailure, subscribeBlocks, subscribeConnection } from './api';
import { fmtInt } from './format';
import { installLinkInterceptor, navigate, useLocation } from './router';
import { AccountPage } from './pages/account';
import { AnalyticsPage } from './pages/analytics';
import { BlockPage } from './pages/block';
import { BlocksPage, HomePage, TxsPage } from './pages/home';
import { GovPage, MarketsPage, ProvidersPage } from './pages/modules';
import { TxPage } from './pages/tx';
import { ValidatorsPage } from './pages/validators';
import './style.css';

const NAV: Array<[string, string]> = [
  ['/', 'Dashboard'],
  ['/blocks', 'Blocks'],
  ['/txs', 'Transactions'],
  ['/validators', 'Validators'],
  ['/analytics', 'Analytics'],
  ['/gov', 'Governance'],
  ['/providers', 'Providers'],
  ['/markets', 'Markets'],
];

function Search() {
  const [q, setQ] = useState('');
  const [err, setErr] = useState('');
  const go = async (e: Event) => {
    e.preventDefault();
    setErr('');
    try {
      const r = await api<{ type: string; id: string }>(`/search?q=${encodeURIComponent(q.trim())}`);
      setQ('');
      navigate(`/${r.type}/${r.id}`);
    } catch (x) {
      setErr(x instanceof ApiFailure ? x.message : String(x));
    }
  };
  return (
    <form class="search" onSubmit={go} role="search">
      <input value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} placeholder="Height, tx hash or address" aria-label="Search" data-testid="search-input" />
      <button type="submit">Search</button>
      {err && (
        <div class="search-error" role="alert">
          {err}
        </div>
      )}
    </form>
  );
}

function LiveHeight() {
  const [status, setStatus] = useState<IndexStatus | undefined>();
  const [height, setHeight] = useState(0);
  const [online, setOnline] = useState(false);
  useEffect(() => {
    api<IndexStatus>('/status').then((s) => {
      setStatus(s);
      setHeight((h) => Math.max(h, s.latest));
    }, () => undefined);
    const u1 = subscribeBlocks(({ block }) => setHeight((h) => Math.max(h, block.height)));
    const u2 = subscribeConnection(setOnline);
    return () => {
      u1();
      u2();
    };
  }, []);
  return (
    <div class="live" title={status?.chainId}>
      <span class={online ? 'dot on' : 'dot'} />
      {status?.chainId && <span class="chain">{status.chainId}</span>}
      <span>
        height <b data-testid="latest-height">{height ? fmtInt(height) : '—'}</b>
      </span>
    </div>
  );
}

function Route({ path, query }: { path: string; query: URLSearchParams }) {
  const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
  switch (seg[0] ?? '') {
    case '':
      return <HomePage />;
    case 'blocks':
      return <BlocksPage />;
    case 'txs':
      return <TxsPage />;
    case 'block':
      return <BlockPage height={seg[1]} />;
    case 'tx':
      return <TxPage hash={seg[1]} />;
    case 'account':
      return <AccountPage address={seg[1]} />;
    case 'validators':
    case 'validator':
      return <ValidatorsPage highlight={seg[1]} />;
    case 'analytics':
      return <AnalyticsPage range={query.get('range') ?? undefined} />;
    case 'gov':
      return <GovPage />;
    case 'providers':
      return <ProvidersPage />;
    case 'markets':
      return <MarketsPage />;
    default:
      return <div class="error">Page not found: {path}</div>;
  }
}

function App() {
  const { path, query } = useLocation();
  const top = '/' + (path.split('/')[1] ?? '');
  return (
    <>
      <header class="top">
        <a href="/" class="brand">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          HyperMesh <span>explorer</span>
        </a>
        <Search />
        <LiveHeight />
      </header>
      <nav class="nav">
        {NAV.map(([href, label]) => (
          <a key={href} href={href} class={top === href || (href === '/blocks' && top === '/block') || (href === '/txs' && top === '/tx') ? 'active' : ''}>
            {label}
          </a>
        ))}
      </nav>
      <main>
        <Route path={path} query={query} />
      </main>
    </>
  );
}

installLinkInterceptor();
render(<App />, document.getElementById('app')!);
