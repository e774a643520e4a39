/** x/slashing events, with the Cosmos SDK's names and attributes (x/slashing/types/events.go). */
import { abciEvent } from '../../src/types/events';

export const Reason = {
  DoubleSign: 'double_sign',
  MissingSignature: 'missing_signature',
  /** HyperMesh: resource fraud proven against the provider linked to the validator. */
  ResourceFraud: 'resource_fraud',
} as const;

export const liveness = (address: string, missedBlocks: bigint, height: number) =>
  abciEvent('liveness', { address, missed_blocks: missedBlocks.toString(), height: String(height) });

/** `jailed` is the consensus address when the validator was jailed too, as the SDK writes it. */
export const slash = (address: string, power: bigint, reason: string, burnedCoins: bigint, jailed?: string) =>
  abciEvent('slash', {
    address,
    power: power.toString(),
    reason,
    ...(jailed !== undefined ? { jailed } : {}),
    burned_coins: burnedCoins.toString(),
  });
