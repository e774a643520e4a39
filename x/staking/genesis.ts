/**
 * x/staking genesis (cosmos.staking.v1beta1.GenesisState), as the SDK's InitGenesis: params,
 * validators with their indexes, delegations, unbonding delegations and redelegations with their
 * queues; the pools' balances (from x/bank genesis) must equal the bonded and not-bonded stake.
 * Not exported (a fresh genesis): the hooks run as if the objects were created, and the active set
 * is computed. Exported: the last validator powers are restored as they were. Runs at height 0
 * (one block before the first), as the SDK pretends.
 */
import { GenesisState } from 'cosmjs-types/cosmos/staking/v1beta1/genesis';
import { BondStatus } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import { ValidatorUpdate } from 'cosmjs-types/tendermint/abci/types';
import type { ModuleGenesis } from '../../src/app/module';
import { Context } from '../../src/types/context';
import { sdk } from '../../src/types/errors';
import { GenesisState as HyperGenesis } from '../../src/gen/hypermesh/staking/v1/genesis';
import type { StakingKeeper } from './keeper';
import { BondedPoolName, NotBondedPoolName } from './keys';
import { DEFAULT_HYPER_PARAMS, DEFAULT_PARAMS, validateHyperParams, validateParams } from './params';
import { nsFromTimestamp } from './time';
import { consPubKeyBytes, isBonded, tokens } from './validator';

/** last_total_power is a math.Int in a bytes field: its decimal text. */
const utf8 = new TextEncoder();
const utf8d = new TextDecoder();

export function stakingGenesis(k: StakingKeeper): ModuleGenesis<GenesisState> {
  return {
    type: GenesisState,
    default: () => GenesisState.fromPartial({ params: DEFAULT_PARAMS, lastTotalPower: utf8.encode('0') }),
    validate: (g) => {
      validateParams(g.params ?? DEFAULT_PARAMS);
      const ops = new Set<string>();
      const keys = new Set<string>();
      for (const v of g.validators) {
        k.decodeValAddr(v.operatorAddress);
        const key = Buffer.from(consPubKeyBytes(v.consensusPubkey)).toString('hex');
        if (ops.has(v.operatorAddress)) throw sdk.InvalidRequest(`duplicate validator in genesis state: ${v.operatorAddress}`);
        if (keys.has(key)) throw sdk.InvalidRequest(`duplicate consensus key in genesis state: ${v.operatorAddress}`);
        if (v.jailed && isBonded(v)) throw sdk.InvalidRequest(`validator is bonded and jailed in genesis state: ${v.operatorAddress}`);
        ops.add(v.operatorAddress);
        keys.add(key);
      }
    },
    init: (parent, g) => {
      // "n blocks before genesis", n = the validator update delay (1)
      const ctx = new Context(parent.stores, { ...parent.block, height: parent.block.height - 1 }, parent.mode, parent.gasMeter, parent.events, parent.consensusParams);
      k.setParams(ctx, g.params ?? DEFAULT_PARAMS);
      k.state.lastTotalPower.set(ctx, BigInt(utf8d.decode(g.lastTotalPower) || '0'));
      k.deps.accounts.getModuleAccount(ctx, BondedPoolName);
      k.deps.accounts.getModuleAccount(ctx, NotBondedPoolName);
      let bonded = 0n;
      let notBonded = 0n;
      for (const v of g.validators) {
        k.setValidator(ctx, v);
        k.setValidatorByConsAddr(ctx, v);
        k.setValidatorByPowerIndex(ctx, v);
        if (!g.exported) k.hooks.afterValidatorCreated(ctx, k.valAddr(v));
        if (v.status === BondStatus.BOND_STATUS_UNBONDING) k.insertUnbondingValidatorQueue(ctx, v);
        if (isBonded(v)) bonded += tokens(v);
        else notBonded += tokens(v);
      }
      for (const d of g.delegations) {
        const del = k.addressCodec.decode(d.delegatorAddress);
        const val = k.decodeValAddr(d.validatorAddress);
        if (!g.exported) k.hooks.beforeDelegationCreated(ctx, del, val);
        k.setDelegation(ctx, d);
        if (!g.exported) k.hooks.afterDelegationModified(ctx, del, val);
      }
      for (const ubd of g.unbondingDelegations) {
        k.setUnbondingDelegation(ctx, ubd);
        for (const e of ubd.entries) {
          k.insertUBDQueue(ctx, ubd, nsFromTimestamp(e.completionTime));
          notBonded += BigInt(e.balance);
        }
      }
      for (const red of g.redelegations) {
        k.setRedelegation(ctx, red);
        for (const e of red.entries) k.insertRedelegationQueue(ctx, red, nsFromTimestamp(e.completionTime));
      }
      const denom = (g.params ?? DEFAULT_PARAMS).bondDenom;
      const bondedBalance = k.bank.getBalance(ctx, k.bondedPoolAddress(), denom);
      if (bondedBalance !== bonded) throw sdk.InvalidRequest(`bonded pool balance ${bondedBalance}${denom} is different from bonded coins ${bonded}${denom}`);
      const notBondedBalance = k.bank.getBalance(ctx, k.notBondedPoolAddress(), denom);
      if (notBondedBalance !== notBonded) {
        throw sdk.InvalidRequest(`not bonded pool balance ${notBondedBalance}${denom} is different from not bonded coins ${notBonded}${denom}`);
      }
      if (g.exported) {
        const out: ValidatorUpdate[] = [];
        for (const lv of g.lastValidatorPowers) {
          const op = k.decodeValAddr(lv.address);
          k.state.lastValidatorPower.set(ctx, op, lv.power);
          const v = k.mustGetValidator(ctx, op);
          out.push(ValidatorUpdate.fromPartial({ pubKey: { ed25519: consPubKeyBytes(v.consensusPubkey) }, power: lv.power }));
        }
        return out;
      }
      return k.applyAndReturnValidatorSetUpdates(ctx);
    },
    export: (ctx) =>
      GenesisState.fromPartial({
        params: k.params(ctx),
        lastTotalPower: utf8.encode((k.state.lastTotalPower.get(ctx) ?? 0n).toString()),
        lastValidatorPowers: [...k.iterateLastValidatorPowers(ctx)].map(([op, power]) => ({ address: k.validatorAddressCodec.encode(op), power })),
        validators: [...k.iterateValidators(ctx)],
        delegations: [...k.iterateDelegations(ctx)],
        unbondingDelegations: [...k.iterateUnbondingDelegations(ctx)],
        redelegations: [...k.iterateRedelegations(ctx)],
        exported: true,
      }),
  };
}

/** The hypermesh_staking section: resource-validated power params. */
export function hyperStakingGenesis(k: StakingKeeper): ModuleGenesis<HyperGenesis> {
  return {
    type: HyperGenesis,
    default: () => HyperGenesis.fromPartial({ params: DEFAULT_HYPER_PARAMS }),
    validate: (g) => validateHyperParams(g.params ?? DEFAULT_HYPER_PARAMS),
    init: (ctx, g) => k.setHyperParams(ctx, g.params ?? DEFAULT_HYPER_PARAMS),
    export: (ctx) => HyperGenesis.fromPartial({ params: k.hyperParams(ctx) }),
  };
}
