/** x/bank events, with the Cosmos SDK's names (x/bank/types/events.go). */
import { abciEvent } from '../../src/types/events';

export const coinSpent = (spender: string, amount: string) => abciEvent('coin_spent', { spender, amount });
export const coinReceived = (receiver: string, amount: string) => abciEvent('coin_received', { receiver, amount });
export const transfer = (recipient: string, sender: string, amount: string) =>
  abciEvent('transfer', { recipient, sender, amount });
export const messageSender = (sender: string) => abciEvent('message', { sender });
// "coinbase", not "mint": the mint module owns that event name
export const coinbase = (minter: string, amount: string) => abciEvent('coinbase', { minter, amount });
export const burn = (burner: string, amount: string) => abciEvent('burn', { burner, amount });
