/**
 * Gas metering, as the Cosmos SDK's store/types/gas.go: a meter with a limit that throws sdk/11
 * when consumption passes it, and the KVStore gas schedule.
 */
import { sdk } from '../types/errors';

export interface GasMeter {
  readonly limit: bigint | undefined; // undefined: infinite
  consumed(): bigint;
  consume(amount: bigint | number, descriptor: string): void;
  /** Gas left before the limit; undefined when infinite. */
  remaining(): bigint | undefined;
}

export class BasicGasMeter implements GasMeter {
  private used = 0n;
  constructor(readonly limit: bigint) {}

  consumed(): bigint {
    return this.used;
  }

  consume(amount: bigint | number, descriptor: string): void {
    this.used += BigInt(amount);
    if (this.used > this.limit) {
      throw sdk.OutOfGas(`out of gas in location: ${descriptor}; gasWanted: ${this.limit}, gasUsed: ${this.used}`);
    }
  }

  remaining(): bigint {
    return this.used >= this.limit ? 0n : this.limit - this.used;
  }

  /** Gas used, capped at the limit (what a tx that ran out of gas reports). */
  consumedToLimit(): bigint {
    return this.used > this.limit ? this.limit : this.used;
  }
}

export class InfiniteGasMeter implements GasMeter {
  readonly limit = undefined;
  private used = 0n;
  consumed(): bigint {
    return this.used;
  }
  consume(amount: bigint | number): void {
    this.used += BigInt(amount);
  }
  remaining(): undefined {
    return undefined;
  }
}

/** The Cosmos SDK's KVGasConfig. */
export interface GasConfig {
  hasCost: number;
  deleteCost: number;
  readCostFlat: number;
  readCostPerByte: number;
  writeCostFlat: number;
  writeCostPerByte: number;
  iterNextCostFlat: number;
}

export const KV_GAS_CONFIG: Readonly<GasConfig> = Object.freeze({
  hasCost: 1000,
  deleteCost: 1000,
  readCostFlat: 1000,
  readCostPerByte: 3,
  writeCostFlat: 2000,
  writeCostPerByte: 30,
  iterNextCostFlat: 30,
});
