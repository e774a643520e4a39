/**
 * The protobuf `Rpc` that cosmjs-types' generated `QueryClientImpl` classes call, over CometBFT's
 * abci_query at the gRPC method path (`/cosmos.bank.v1beta1.Query/AllBalances`), at a chosen
 * height. A failed query throws a CodedError with the node's codespace and code, and the gRPC
 * status prefix ("rpc error: code = NotFound desc = ") removed from the message.
 */
import type { Rpc } from 'cosmjs-types/helpers';
import { CodedError } from '../../types/errors';
import { queryLogText } from './errors';
import type { CometRpc } from './rpc';

export class AbciRpc implements Rpc {
  constructor(
    readonly rpc: CometRpc,
    /** Query state at this height (undefined or 0: the latest). */
    readonly height?: bigint,
  ) {}

  async request(service: string, method: string, data: Uint8Array): Promise<Uint8Array> {
    return this.query(`/${service}/${method}`, data);
  }

  async query(path: string, data: Uint8Array): Promise<Uint8Array> {
    const r = await this.rpc.abciQuery(path, data, this.height);
    if (r.code !== 0) throw new CodedError(r.codespace || 'sdk', r.code, queryLogText(r.log));
    return r.value ? Buffer.from(r.value, 'base64') : new Uint8Array();
  }
}
