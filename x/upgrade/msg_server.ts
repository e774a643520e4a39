/** cosmos.upgrade.v1beta1.Msg: schedule or cancel a plan (gov authority only). */
import { MsgCancelUpgrade, MsgCancelUpgradeResponse, MsgSoftwareUpgrade, MsgSoftwareUpgradeResponse } from 'cosmjs-types/cosmos/upgrade/v1beta1/tx';
import { Plan } from 'cosmjs-types/cosmos/upgrade/v1beta1/upgrade';
import type { MsgRoute } from '../../src/app/module';
import type { AddressCodec } from '../../src/crypto/address';
import { upgradeErrors } from './errors';
import type { UpgradeKeeper } from './keeper';

export function upgradeMsgs(k: UpgradeKeeper, addrs: AddressCodec): MsgRoute[] {
  const requireAuthority = (signer: string) => {
    if (signer !== k.authority) throw upgradeErrors.InvalidSigner(`expected ${k.authority} got ${signer}`);
  };
  const softwareUpgrade: MsgRoute<MsgSoftwareUpgrade, MsgSoftwareUpgradeResponse> = {
    type: MsgSoftwareUpgrade,
    response: MsgSoftwareUpgradeResponse,
    signers: (m) => [m.authority],
    validate: (m) => {
      addrs.decode(m.authority);
      k.validatePlan(m.plan ?? Plan.fromPartial({}));
    },
    handle: (ctx, m) => {
      requireAuthority(m.authority);
      k.scheduleUpgrade(ctx, m.plan ?? Plan.fromPartial({}));
      return {};
    },
  };
  const cancelUpgrade: MsgRoute<MsgCancelUpgrade, MsgCancelUpgradeResponse> = {
    type: MsgCancelUpgrade,
    response: MsgCancelUpgradeResponse,
    signers: (m) => [m.authority],
    validate: (m) => {
      addrs.decode(m.authority);
    },
    handle: (ctx, m) => {
      requireAuthority(m.authority);
      k.clearPlan(ctx);
      return {};
    },
  };
  return [softwareUpgrade, cancelUpgrade];
}
