/**
 * The `x-cosmos-block-height` request header (gRPC metadata, or the HTTP header the REST gateway
 * forwards) and the committed version a call reads, checked as the SDK's BaseApp does it
 * (RegisterGRPCServer's interceptor + CreateQueryContext): not a number or negative is
 * INVALID_ARGUMENT (sdk/18), above the latest is sdk/26 (invalid height), below the earliest
 * kept version (pruned) is sdk/38 (not found), absent or 0 means the latest.
 */
import { sdk } from '../types/errors';

export const BLOCK_HEIGHT_HEADER = 'x-cosmos-block-height';

/** Which committed versions the store can read. */
export interface StoreHeights {
  /** Latest committed version; 0 before the first commit. */
  latest(): number;
  /** Earliest version still kept (pruning); 0 or 1 when everything is kept. */
  earliest(): number;
  /** A promise of the commit of `height` while that block is being run (BaseApp.whenCommitted). */
  whenCommitted?(height: number): Promise<void> | undefined;
}

/** The version to read for a header value (undefined: no header). Throws a registered error. */
export function resolveHeight(header: string | undefined, heights: StoreHeights, appName = 'hypermesh'): number {
  let height = 0;
  if (header !== undefined && header !== '') {
    const text = header.trim();
    if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
      throw sdk.InvalidRequest(
        `Baseapp.RegisterGRPCServer: invalid height header "${BLOCK_HEIGHT_HEADER}": strconv.ParseInt: parsing ${JSON.stringify(header)}: invalid syntax`,
      );
    }
    height = Number(text);
    if (height < 0) throw sdk.InvalidRequest('cannot query with height < 0; please provide a valid height');
  }
  const latest = heights.latest();
  if (latest === 0) throw sdk.InvalidHeight(`${appName} is not ready; please wait for first block`);
  if (height > latest) throw sdk.InvalidHeight('cannot query with height in the future; please provide a valid height');
  if (height === 0) return latest;
  const earliest = heights.earliest();
  if (height < earliest) {
    throw sdk.NotFound(`failed to load state at height ${height}; version does not exist (latest height: ${latest}, earliest kept: ${earliest})`);
  }
  return height;
}
