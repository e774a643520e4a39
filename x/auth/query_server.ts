/** cosmos.auth.v1beta1.Query, served over ABCI query, gRPC and REST by the same handlers. */
import {
  AddressBytesToStringRequest,
  AddressBytesToStringResponse,
  AddressStringToBytesRequest,
  AddressStringToBytesResponse,
  Bech32PrefixRequest,
  Bech32PrefixResponse,
  QueryAccountAddressByIDRequest,
  QueryAccountAddressByIDResponse,
  QueryAccountInfoRequest,
  QueryAccountInfoResponse,
  QueryAccountRequest,
  QueryAccountResponse,
  QueryAccountsRequest,
  QueryAccountsResponse,
  QueryModuleAccountByNameRequest,
  QueryModuleAccountByNameResponse,
  QueryModuleAccountsRequest,
  QueryModuleAccountsResponse,
  QueryParamsRequest,
  QueryParamsResponse,
} from 'cosmjs-types/cosmos/auth/v1beta1/query';
import { Any } from 'cosmjs-types/google/protobuf/any';
import type { QueryRoute } from '../../src/app/module';
import { paginate } from '../../src/types/pagination';
import { invalidArgument, notFound } from '../../src/types/query_errors';
import type { Account } from './account';
import type { AuthKeeper } from './keeper';

const Q = '/cosmos.auth.v1beta1.Query/';

export function authQueries(k: AuthKeeper): QueryRoute[] {
  const addr = k.addressCodec;
  const decodeAddr = (s: string): Uint8Array => {
    if (s === '') throw invalidArgument('empty address string is not allowed');
    try {
      return addr.decode(s);
    } catch (e) {
      throw invalidArgument((e as Error).message);
    }
  };
  const toAny = (a: Account): Any => k.encodeAny(a);

  return [
    {
      path: `${Q}Account`,
      request: QueryAccountRequest,
      response: QueryAccountResponse,
      handle: (ctx, req: QueryAccountRequest) => {
        const account = k.getAccount(ctx, decodeAddr(req.address));
        if (!account) throw notFound(`account ${req.address} not found`);
        return { account: toAny(account) };
      },
    },
    {
      path: `${Q}Accounts`,
      request: QueryAccountsRequest,
      response: QueryAccountsResponse,
      handle: (ctx, req: QueryAccountsRequest) => {
        const page = paginate(ctx, k.state.accounts, req.pagination, (_key, bytes) => Any.decode(bytes));
        return { accounts: page.items, pagination: page.pagination };
      },
    },
    {
      path: `${Q}AccountInfo`,
      request: QueryAccountInfoRequest,
      response: QueryAccountInfoResponse,
      handle: (ctx, req: QueryAccountInfoRequest) => {
        const account = k.getAccount(ctx, decodeAddr(req.address));
        if (!account) throw notFound(`account ${req.address} not found`);
        return { info: account.base };
      },
    },
    {
      path: `${Q}AccountAddressByID`,
      request: QueryAccountAddressByIDRequest,
      response: QueryAccountAddressByIDResponse,
      handle: (ctx, req: QueryAccountAddressByIDRequest) => {
        const id = req.accountId !== 0n ? req.accountId : req.id;
        if (id < 0n) throw invalidArgument('account id must be non-negative');
        const address = k.state.accountByNumber.get(ctx, id);
        if (!address) throw notFound(`account address not found with account number ${id}`);
        return { accountAddress: addr.encode(address) };
      },
    },
    {
      path: `${Q}Params`,
      request: QueryParamsRequest,
      response: QueryParamsResponse,
      handle: (ctx) => ({ params: k.params(ctx) }),
    },
    {
      path: `${Q}ModuleAccounts`,
      request: QueryModuleAccountsRequest,
      response: QueryModuleAccountsResponse,
      handle: (ctx) => ({
        // a module account not yet created is created in the query's throwaway branch, as the SDK does
        accounts: k.moduleNames.map((name) => toAny(k.getModuleAccount(ctx, name))),
      }),
    },
    {
      path: `${Q}ModuleAccountByName`,
      request: QueryModuleAccountByNameRequest,
      response: QueryModuleAccountByNameResponse,
      handle: (ctx, req: QueryModuleAccountByNameRequest) => {
        if (req.name === '') throw invalidArgument('module name is empty');
        if (!k.modulePermissions(req.name)) throw notFound(`account ${req.name} not found`);
        return { account: toAny(k.getModuleAccount(ctx, req.name)) };
      },
    },
    {
      path: `${Q}Bech32Prefix`,
      request: Bech32PrefixRequest,
      response: Bech32PrefixResponse,
      handle: () => ({ bech32Prefix: addr.prefix }),
    },
    {
      path: `${Q}AddressBytesToString`,
      request: AddressBytesToStringRequest,
      response: AddressBytesToStringResponse,
      handle: (_ctx, req: AddressBytesToStringRequest) => {
        if (req.addressBytes.length === 0) throw invalidArgument('empty address bytes is not allowed');
        if (req.addressBytes.length > 255) throw invalidArgument('address bytes longer than 255');
        return { addressString: addr.encode(req.addressBytes) };
      },
    },
    {
      path: `${Q}AddressStringToBytes`,
      request: AddressStringToBytesRequest,
      response: AddressStringToBytesResponse,
      handle: (_ctx, req: AddressStringToBytesRequest) => ({ addressBytes: decodeAddr(req.addressString) }),
    },
  ];
}

