/** Shared UI pieces: data fetching hook, error and empty states, links, tables, pagers. */
import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiFailure, getJson } from './api';
import { short } from './format';

export interface Fetched<T> {
  data?: T;
  error?: ApiFailure;
  loading: boolean;
  reload: () => void;
}

/** GETs `path` (absolute, e.g. /explorer/api/blocks) whenever it changes; undefined path = idle. */
export function useJson<T>(path: string | undefined): Fetched<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiFailure; loading: boolean; for?: string }>({ loading: !!path });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined, data: s.for === path ? s.data : undefined }));
    getJson<T>(path).then(
      (data) => live && setState({ data, loading: false, for: path }),
      (error) => live && setState({ error: error instanceof ApiFailure ? error : new ApiFailure(0, 13, String(error)), loading: false, for: path }),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

export function Loading() {
  return <div class="muted loading">Loading…</div>;
}

/** An error box; a missing endpoint reads as a module that is not enabled on this chain. */
export function Failure({ error, module }: { error: ApiFailure; module?: string }) {
  if (module && error.notEnabled) {
    return (
      <div class="notice" data-testid="not-enabled">
        Module <b>{module}</b> not enabled on this chain.
      </div>
    );
  }
  return (
    <div class="error" role="alert">
      {error.status ? `${error.status}: ` : ''}
      {error.message}
    </div>
  );
}

export function Show<T>({ f, module, children }: { f: Fetched<T>; module?: string; children: (d: T) => ComponentChildren }) {
  if (f.error) return <Failure error={f.error} module={module} />;
  if (f.data === undefined) return <Loading />;
  return <>{children(f.data)}</>;
}

export const BlockLink = ({ h }: { h: number | string }) => <a href={`/block/${h}`}>{String(h)}</a>;
export const TxLink = ({ hash, n = 8 }: { hash: string; n?: number }) => (
  <a class="mono" href={`/tx/${hash}`} title={hash}>
    {short(hash, n)}
  </a>
);
export const AddrLink = ({ a, n = 10 }: { a: string; n?: number }) => (
  <a class="mono" href={`/account/${a}`} title={a}>
    {short(a, n)}
  </a>
);

export function Card({ title, children, extra }: { title: ComponentChildren; children: ComponentChildren; extra?: ComponentChildren }) {
  return (
    <section class="card">
      <header>
        <h2>{title}</h2>
        {extra}
      </header>
      {children}
    </section>
  );
}

export function KV({ rows }: { rows: Array<[string, ComponentChildren]> }) {
  return (
    <table class="kv">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A table of arbitrary records: the union of their top-level keys as columns. */
export function GenericTable({ rows, max = 8 }: { rows: Array<Record<string, unknown>>; max?: number }) {
  if (rows.length === 0) return <div class="muted">None.</div>;
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))].slice(0, max);
  return (
    <div class="scroll">
      <table class="list">
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c}>{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {cols.map((c) => (
                <td key={c}>{cell(r[c])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function cell(v: unknown): ComponentChildren {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string' && /^hyper1[02-9ac-hj-np-z]{38,}$/.test(v)) return <AddrLink a={v} />;
  if (typeof v === 'object') return <code>{JSON.stringify(v).slice(0, 120)}</code>;
  return String(v);
}

/** Structured JSON for decoded messages and events. */
export function JsonView({ value }: { value: unknown }) {
  return <pre class="json">{JSON.stringify(value, null, 2)}</pre>;
}

export function Pager({ next, onNext, onFirst, atFirst }: { next?: string; onNext: (n: string) => void; onFirst: () => void; atFirst: boolean }) {
  return (
    <div class="pager">
      <button disabled={atFirst} onClick={onFirst}>
        ⇤ Newest
      </button>
      <button disabled={!next} onClick={() => next && onNext(next)} data-testid="next-page">
        Older →
      </button>
    </div>
  );
}
