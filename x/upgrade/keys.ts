/**
 * x/upgrade state in the `upgrade` store, with the SDK's bytes (x/upgrade/types/keys.go): the plan
 * under 0x00, applied upgrades under 0x01‖height (8 B BE)‖name, module versions under 0x02‖name,
 * the protocol version under 0x03.
 */
import { Plan } from 'cosmjs-types/cosmos/upgrade/v1beta1/upgrade';
import { keys, Schema, values } from '../../src/store/collections';

export const ModuleName = 'upgrade';
export const StoreKey = 'upgrade';

export function upgradeState() {
  const s = new Schema(StoreKey);
  return {
    plan: s.item(0x00, 'plan', values.proto(Plan)),
    /** (height, name) → 0x01: upgrades applied */
    done: s.map(0x01, 'done', keys.pair(keys.uint64, keys.string), values.bytes),
    /** module name → consensus version (uint64 BE) */
    versions: s.map(0x02, 'module_versions', keys.string, values.uint64),
    protocolVersion: s.item(0x03, 'protocol_version', values.uint64),
  };
}
