/**
 * The four resources: their token denoms, node units and the conversion between them.
 *
 *   token   resource  node unit        one token is            unit size (node unit × seconds)
 *   rcpu    CPU       millicore        1 vCPU-hour             1000 × 3600          = 3,600,000
 *   rmem    MEMORY    byte             1 GiB-hour              2^30 × 3600          = 3,865,470,566,400
 *   rstor   STORAGE   byte             1 GiB-day               2^30 × 86400         = 92,771,293,593,600
 *   rnet    NETWORK   byte per second  1 GiB transferred       2^30 × 1             = 1,073,741,824
 *
 * Capacity c held for s seconds is worth floor(c × s / unit size) tokens; a lease of `amount`
 * tokens over `d` seconds holds ceil(amount × unit size / d) node units (its rate). All bigint.
 */
import type { Metadata } from 'cosmjs-types/cosmos/bank/v1beta1/bank';
import { Capacity, ResourceType } from '../../src/gen/hypermesh/resource/v1/resource';

export const MAX_UINT64 = (1n << 64n) - 1n;
const GIB = 1n << 30n;

export interface ResourceSpec {
  readonly type: ResourceType;
  readonly denom: string;
  readonly field: keyof Capacity;
  /** node unit × seconds per token */
  readonly unitSize: bigint;
  readonly description: string;
}

export const RESOURCES: readonly ResourceSpec[] = [
  { type: ResourceType.RESOURCE_TYPE_CPU, denom: 'rcpu', field: 'cpuMillicores', unitSize: 1000n * 3600n, description: '1 vCPU-hour' },
  { type: ResourceType.RESOURCE_TYPE_MEMORY, denom: 'rmem', field: 'memoryBytes', unitSize: GIB * 3600n, description: '1 GiB of memory for 1 hour' },
  { type: ResourceType.RESOURCE_TYPE_STORAGE, denom: 'rstor', field: 'storageBytes', unitSize: GIB * 86400n, description: '1 GiB of storage for 1 day' },
  { type: ResourceType.RESOURCE_TYPE_NETWORK, denom: 'rnet', field: 'networkBytesPerSecond', unitSize: GIB, description: '1 GiB transferred' },
];

export const RESOURCE_DENOMS: readonly string[] = RESOURCES.map((r) => r.denom);

export function specOfDenom(denom: string): ResourceSpec | undefined {
  return RESOURCES.find((r) => r.denom === denom);
}

export function specOfType(type: ResourceType): ResourceSpec | undefined {
  return RESOURCES.find((r) => r.type === type);
}

export const ZERO_CAPACITY: Capacity = Capacity.fromPartial({});

/** A complete Capacity (every field a bigint). */
export function capacityOf(c: Partial<Capacity> | undefined): Capacity {
  return Capacity.fromPartial(c ?? {});
}

export function capacityGet(c: Capacity | undefined, spec: ResourceSpec): bigint {
  return c ? c[spec.field] : 0n;
}

export function capacityWith(c: Capacity, spec: ResourceSpec, v: bigint): Capacity {
  return { ...c, [spec.field]: v };
}

/** Element-wise minimum. */
export function capacityMin(a: Capacity, b: Capacity): Capacity {
  const out = capacityOf({});
  for (const r of RESOURCES) out[r.field] = a[r.field] < b[r.field] ? a[r.field] : b[r.field];
  return out;
}

export function isZeroCapacity(c: Capacity): boolean {
  return RESOURCES.every((r) => c[r.field] === 0n);
}

/** The first resource where a > b, or undefined. */
export function exceeds(a: Capacity, b: Capacity): ResourceSpec | undefined {
  return RESOURCES.find((r) => a[r.field] > b[r.field]);
}

/** Tokens that `capacity` node units held for `seconds` are worth (floor). */
export function capacityToTokens(capacity: bigint, seconds: bigint, spec: ResourceSpec): bigint {
  return (capacity * seconds) / spec.unitSize;
}

/** Node units a lease of `amount` tokens over `seconds` holds (ceil). */
export function leaseRate(amount: bigint, seconds: bigint, spec: ResourceSpec): bigint {
  const num = amount * spec.unitSize;
  return (num + seconds - 1n) / seconds;
}

export function capacityText(c: Capacity): string {
  return `cpu ${c.cpuMillicores}m, memory ${c.memoryBytes} B, storage ${c.storageBytes} B, network ${c.networkBytesPerSecond} B/s`;
}

/** Bank metadata of the four tokens (set at InitChain when the bank has none for the denom). */
export const RESOURCE_METADATA: readonly Metadata[] = RESOURCES.map((r) => ({
  description: `HyperMesh resource token: ${r.description}, backed by a provider bond`,
  denomUnits: [{ denom: r.denom, exponent: 0, aliases: [] }],
  base: r.denom,
  display: r.denom,
  name: r.denom,
  symbol: r.denom.toUpperCase(),
  uri: '',
  uriHash: '',
}));
