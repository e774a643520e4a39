/**
 * What BaseApp itself keeps in consensus state: the consensus params (set at InitChain, changed
 * only by governance) and the last block's time (so CheckTx after a restart knows the time).
 */
import { ConsensusParams } from 'cosmjs-types/tendermint/types/params';
import { Schema, values } from '../store/collections';

export const CONSENSUS_STORE = 'consensus';

export function consensusState() {
  const s = new Schema(CONSENSUS_STORE);
  return {
    params: s.item(0, 'params', values.proto(ConsensusParams)),
    lastBlockTimeNs: s.item(1, 'last_block_time', values.uint64),
  };
}
