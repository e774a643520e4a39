/**
 * ABCI events. Every attribute is indexed (the SDK's default when `index-events` is empty), so
 * CometBFT's kv indexer answers `tx_search` on `message.sender`, `transfer.recipient`, and so on.
 */
import type { Event } from 'cosmjs-types/tendermint/abci/types';

export type { Event };

export function abciEvent(type: string, attributes: Record<string, string>): Event {
  return {
    type,
    attributes: Object.entries(attributes).map(([key, value]) => ({ key, value, index: true })),
  };
}

/** Collects the events of a tx, a message or a block phase, in emission order. */
export class EventManager {
  private readonly list: Event[] = [];

  emit(event: Event): void {
    this.list.push(event);
  }

  emitAll(events: readonly Event[]): void {
    for (const e of events) this.list.push(e);
  }

  get events(): readonly Event[] {
    return this.list;
  }
}

/** Appends an attribute to each event (msg_index on message events, mode on block events). */
export function withAttribute(events: readonly Event[], key: string, value: string): Event[] {
  return events.map((e) => ({ type: e.type, attributes: [...e.attributes, { key, value, index: true }] }));
}
