/**
 * ibc.applications.transfer.v1.Query: Params, Denom / Denoms (ibc-go v10's names for the trace
 * queries, what cosmjs 0.39's `ibc.transfer.denomTrace(s)` call), DenomHash, EscrowAddress,
 * TotalEscrowForDenom.
 */
import * as q from 'cosmjs-types/ibc/applications/transfer/v1/query';
import type { Denom } from 'cosmjs-types/ibc/applications/transfer/v1/token';
import type { DenomTrace as ProtoDenomTrace } from 'cosmjs-types/ibc/applications/transfer/v1/denomtrace';
import type { QueryRoute } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { invalidArgument, notFound } from '../../src/types/query_errors';
import { validateChannelId, validatePortId } from '../ibc/host';
import { pageList } from '../ibc/query_server';
import { escrowAddress, parseDenomTrace, parseHexHash, traceHash } from './denom';
import type { TransferKeeper } from './keeper';

/** The v10 Denom of a stored trace: its hops outermost first. */
export function denomOf(t: ProtoDenomTrace): Denom {
  const parts = t.path === '' ? [] : t.path.split('/');
  const trace = [];
  for (let i = 0; i + 1 < parts.length; i += 2) trace.push({ portId: parts[i], channelId: parts[i + 1] });
  return { base: t.baseDenom, trace };
}

export function transferQueries(k: TransferKeeper, addrs: AddressCodec): QueryRoute[] {
  const route = <Q, R>(path: string, request: QueryRoute<Q, R>['request'], response: QueryRoute<Q, R>['response'] & { fromPartial(o: any): R }, handle: QueryRoute<Q, any>['handle']): QueryRoute => ({
    path: `/ibc.applications.transfer.v1.Query/${path}`,
    request,
    response,
    handle: (ctx, req) => response.fromPartial(handle(ctx, req)),
  });
  return [
    route('Params', q.QueryParamsRequest, q.QueryParamsResponse, (ctx) => ({ params: k.params(ctx) })),
    route('Denom', q.QueryDenomRequest, q.QueryDenomResponse, (ctx, r: q.QueryDenomRequest) => {
      let hash: string;
      try {
        hash = parseHexHash(r.hash);
      } catch {
        throw invalidArgument(`invalid denom trace hash: ${r.hash}`);
      }
      const t = k.denomTrace(ctx, hash);
      if (!t) throw notFound(`denomination ${hash} not found`);
      return { denom: denomOf(t) };
    }),
    route('Denoms', q.QueryDenomsRequest, q.QueryDenomsResponse, (ctx, r: q.QueryDenomsRequest) => {
      const list = [...k.denomTraces(ctx)].map((t): [string, Denom] => [traceHash({ path: t.path, baseDenom: t.baseDenom }), denomOf(t)]);
      const { items, pagination } = pageList(list, r.pagination);
      return { denoms: items, pagination };
    }),
    route('DenomHash', q.QueryDenomHashRequest, q.QueryDenomHashResponse, (ctx, r: q.QueryDenomHashRequest) => {
      const trace = r.trace.startsWith('ibc/') ? undefined : parseDenomTrace(r.trace);
      if (!trace || trace.path === '') throw invalidArgument(`invalid denomination trace: ${r.trace}`);
      const hash = traceHash(trace);
      if (!k.denomTrace(ctx, hash)) throw notFound(`denomination trace ${r.trace} not found`);
      return { hash };
    }),
    route('EscrowAddress', q.QueryEscrowAddressRequest, q.QueryEscrowAddressResponse, (_ctx, r: q.QueryEscrowAddressRequest) => {
      try {
        validatePortId(r.portId);
        validateChannelId(r.channelId);
      } catch (e) {
        throw invalidArgument((e as Error).message);
      }
      return { escrowAddress: addrs.encode(escrowAddress(r.portId, r.channelId)) };
    }),
    route('TotalEscrowForDenom', q.QueryTotalEscrowForDenomRequest, q.QueryTotalEscrowForDenomResponse, (ctx, r: q.QueryTotalEscrowForDenomRequest) => ({
      amount: { denom: r.denom, amount: k.totalEscrow(ctx, r.denom).toString() },
    })),
  ];
}
