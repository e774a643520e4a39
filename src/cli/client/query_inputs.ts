/** Checks of query arguments, done before the node is asked: addresses, denoms, tx hashes. */
import { accountAddresses } from '../../crypto/address';
import { validateDenom } from '../../types/coins';
import { CodedError } from '../../types/errors';
import { CliError } from './errors';
import { queryFlagsOf, type QueryFlags } from './flags';
import { NodeClient, resolveNodeUrl } from './node';

export function addressArg(input: string, role = 'address'): string {
  try {
    accountAddresses.decode(input);
    return input;
  } catch (e) {
    const detail = e instanceof CodedError && e.detail ? e.detail : (e as Error).message;
    throw new CliError(`invalid ${role}: ${detail}`);
  }
}

export function denomArg(input: string): string {
  try {
    validateDenom(input);
    return input;
  } catch {
    throw new CliError(`invalid denom ${JSON.stringify(input)}: a denom is 3-128 characters, a letter first, e.g. uhyper`);
  }
}

export function txHashArg(input: string): string {
  const h = input.trim().replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(h)) throw new CliError(`invalid tx hash ${JSON.stringify(input)}: expected 64 hexadecimal characters`);
  return h.toUpperCase();
}

/** The node and flags of a query command. */
export function queryNode(o: Record<string, unknown>): { flags: QueryFlags; node: NodeClient } {
  const flags = queryFlagsOf(o);
  return { flags, node: new NodeClient(resolveNodeUrl(flags.node, flags.home)) };
}
