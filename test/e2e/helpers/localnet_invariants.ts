/**
 * Runs every module's invariants (x/staking, x/distribution, x/slashing, x/mint invariants.ts, and
 * bank's supply = Σ balances) over a node's ABCI queries, all pinned to one height so the snapshot
 * is consistent, and a watcher that does it for every new block while a test runs.
 */
import { Comet38Client } from '@cosmjs/tendermint-rpc';
import { QueryDenomOwnersRequest, QueryDenomOwnersResponse, QueryAllBalancesRequest, QueryAllBalancesResponse, QuerySupplyOfRequest, QuerySupplyOfResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query';
import {
  QueryCommunityPoolRequest,
  QueryCommunityPoolResponse,
  QueryValidatorCommissionRequest,
  QueryValidatorCommissionResponse,
  QueryValidatorOutstandingRewardsRequest,
  QueryValidatorOutstandingRewardsResponse,
} from 'cosmjs-types/cosmos/distribution/v1beta1/query';
import { QueryInflationRequest, QueryInflationResponse, QueryParamsRequest as MintParamsRequest, QueryParamsResponse as MintParamsResponse } from 'cosmjs-types/cosmos/mint/v1beta1/query';
import {
  QueryParamsRequest as SlashingParamsRequest,
  QueryParamsResponse as SlashingParamsResponse,
  QuerySigningInfosRequest,
  QuerySigningInfosResponse,
} from 'cosmjs-types/cosmos/slashing/v1beta1/query';
import {
  QueryValidatorDelegationsRequest,
  QueryValidatorDelegationsResponse,
  QueryValidatorsRequest,
  QueryValidatorsResponse,
  QueryValidatorUnbondingDelegationsRequest,
  QueryValidatorUnbondingDelegationsResponse,
} from 'cosmjs-types/cosmos/staking/v1beta1/query';
import type { Delegation, UnbondingDelegation, Validator } from 'cosmjs-types/cosmos/staking/v1beta1/staking';
import { accountAddresses, consensusAddresses } from '../../../src/crypto/address';
import { sha256Truncated } from '../../../src/crypto/hash';
import { moduleAddress } from '../../../src/crypto/module_address';
import { PubKey as Ed25519PubKey } from 'cosmjs-types/cosmos/crypto/ed25519/keys';
import { Dec } from '../../../src/types/dec';
import { coinsFromProto } from '../../../src/types/coins';
import { stakingInvariants } from '../../../x/staking/invariants';
import { distributionInvariants } from '../../../x/distribution/invariants';
import { fromProto as decCoinsFromProto } from '../../../x/distribution/dec_coins';
import { slashingInvariants } from '../../../x/slashing/invariants';
import { mintInvariants } from '../../../x/mint/invariants';

type Codec<T> = { encode(m: T): { finish(): Uint8Array }; decode(b: Uint8Array): any; fromPartial(o: any): T };

/** ABCI queries at one height. */
export class PinnedQuerier {
  constructor(
    readonly comet: Comet38Client,
    readonly height: number,
  ) {}

  async q<Req, Res>(path: string, req: Codec<Req>, res: { decode(b: Uint8Array): Res }, value: Partial<Req>): Promise<Res> {
    const r = await this.comet.abciQuery({ path, data: req.encode(req.fromPartial(value)).finish(), height: this.height });
    if (r.code !== 0) throw new Error(`${path} at ${this.height}: ${r.codespace}/${r.code}: ${r.log}`);
    return res.decode(r.value);
  }

  async balance(address: string, denom = 'uhyper'): Promise<bigint> {
    const r = await this.q('/cosmos.bank.v1beta1.Query/AllBalances', QueryAllBalancesRequest, QueryAllBalancesResponse, { address });
    return coinsFromProto(r.balances).find((c) => c.denom === denom)?.amount ?? 0n;
  }

  async supply(denom = 'uhyper'): Promise<bigint> {
    return BigInt((await this.q('/cosmos.bank.v1beta1.Query/SupplyOf', QuerySupplyOfRequest, QuerySupplyOfResponse, { denom })).amount!.amount);
  }

  async validators(): Promise<Validator[]> {
    return (await this.q('/cosmos.staking.v1beta1.Query/Validators', QueryValidatorsRequest, QueryValidatorsResponse, { status: '', pagination: { limit: 1000n } as any })).validators;
  }
}

const moduleAccount = (name: string) => accountAddresses.encode(moduleAddress(name));

/** Every invariant at `height`; returns the broken ones (empty: all hold). */
export async function checkInvariants(comet: Comet38Client, height: number): Promise<string[]> {
  const q = new PinnedQuerier(comet, height);
  const broken: string[] = [];

  // bank: total supply = Σ balances of every holder (pools, distribution, fee collector included)
  let sum = 0n;
  let key: Uint8Array = new Uint8Array();
  do {
    const page: QueryDenomOwnersResponse = await q.q('/cosmos.bank.v1beta1.Query/DenomOwners', QueryDenomOwnersRequest, QueryDenomOwnersResponse, {
      denom: 'uhyper',
      pagination: { key, limit: 1000n } as any,
    });
    for (const o of page.denomOwners) sum += BigInt(o.balance!.amount);
    key = page.pagination?.nextKey ?? new Uint8Array();
  } while (key.length > 0);
  const supply = await q.supply();
  if (sum !== supply) broken.push(`bank: supply ${supply} != sum of balances ${sum}`);

  // staking
  const validators = await q.validators();
  const delegations: Delegation[] = [];
  const ubds: UnbondingDelegation[] = [];
  for (const v of validators) {
    const d = await q.q('/cosmos.staking.v1beta1.Query/ValidatorDelegations', QueryValidatorDelegationsRequest, QueryValidatorDelegationsResponse, {
      validatorAddr: v.operatorAddress,
      pagination: { limit: 1000n } as any,
    });
    delegations.push(...d.delegationResponses.map((r) => r.delegation));
    const u = await q.q('/cosmos.staking.v1beta1.Query/ValidatorUnbondingDelegations', QueryValidatorUnbondingDelegationsRequest, QueryValidatorUnbondingDelegationsResponse, {
      validatorAddr: v.operatorAddress,
      pagination: { limit: 1000n } as any,
    });
    ubds.push(...u.unbondingResponses);
  }
  broken.push(
    ...stakingInvariants({
      validators,
      delegations,
      unbondingDelegations: ubds,
      bondedPoolBalance: await q.balance(moduleAccount('bonded_tokens_pool')),
      notBondedPoolBalance: await q.balance(moduleAccount('not_bonded_tokens_pool')),
    }).map((m) => `staking: ${m}`),
  );

  // distribution
  const outstanding = new Map<string, ReturnType<typeof decCoinsFromProto>>();
  const commission = new Map<string, ReturnType<typeof decCoinsFromProto>>();
  for (const v of validators) {
    const o = await q.q('/cosmos.distribution.v1beta1.Query/ValidatorOutstandingRewards', QueryValidatorOutstandingRewardsRequest, QueryValidatorOutstandingRewardsResponse, {
      validatorAddress: v.operatorAddress,
    });
    outstanding.set(v.operatorAddress, decCoinsFromProto(o.rewards?.rewards ?? []));
    const c = await q.q('/cosmos.distribution.v1beta1.Query/ValidatorCommission', QueryValidatorCommissionRequest, QueryValidatorCommissionResponse, {
      validatorAddress: v.operatorAddress,
    });
    commission.set(v.operatorAddress, decCoinsFromProto(c.commission?.commission ?? []));
  }
  const pool = await q.q('/cosmos.distribution.v1beta1.Query/CommunityPool', QueryCommunityPoolRequest, QueryCommunityPoolResponse, {});
  const distrAddress = moduleAccount('distribution');
  const distrBalance = await q.q('/cosmos.bank.v1beta1.Query/AllBalances', QueryAllBalancesRequest, QueryAllBalancesResponse, { address: distrAddress });
  broken.push(
    ...distributionInvariants({ communityPool: decCoinsFromProto(pool.pool), outstanding, commission, moduleBalance: coinsFromProto(distrBalance.balances) }).map((m) => `distribution: ${m}`),
  );

  // slashing
  const sp = await q.q('/cosmos.slashing.v1beta1.Query/Params', SlashingParamsRequest, SlashingParamsResponse, {});
  const infos = await q.q('/cosmos.slashing.v1beta1.Query/SigningInfos', QuerySigningInfosRequest, QuerySigningInfosResponse, { pagination: { limit: 1000n } as any });
  const byCons = new Map(validators.map((v) => [consensusAddresses.encode(sha256Truncated(Ed25519PubKey.decode(v.consensusPubkey!.value).key)), v]));
  broken.push(...slashingInvariants({ signedBlocksWindow: sp.params!.signedBlocksWindow, signingInfos: infos.info, validatorsByConsAddress: byCons }).map((m) => `slashing: ${m}`));

  // mint
  const mp = await q.q('/cosmos.mint.v1beta1.Query/Params', MintParamsRequest, MintParamsResponse, {});
  const inflation = await q.q('/cosmos.mint.v1beta1.Query/Inflation', QueryInflationRequest, QueryInflationResponse, {});
  broken.push(...mintInvariants({ inflation: Dec.fromProto(new TextDecoder().decode(inflation.inflation)), params: mp.params! }).map((m) => `mint: ${m}`));

  return broken.map((m) => `height ${height}: ${m}`);
}

/**
 * Checks the invariants at every height from now until stopped (catching up when blocks come
 * faster than a check). `stop()` resolves with the heights checked and everything broken.
 */
export function watchInvariants(rpc: string): { stop(): Promise<{ checked: number[]; broken: string[] }> } {
  let running = true;
  const checked: number[] = [];
  const broken: string[] = [];
  const done = (async () => {
    const comet = await Comet38Client.connect(rpc);
    try {
      let next = 0;
      while (running) {
        let latest: number;
        try {
          latest = (await comet.status()).syncInfo.latestBlockHeight;
        } catch {
          await new Promise((r) => setTimeout(r, 200));
          continue;
        }
        if (next === 0) next = latest;
        if (next > latest) {
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        try {
          broken.push(...(await checkInvariants(comet, next)));
          checked.push(next);
        } catch (e) {
          // a height the node can no longer (or not yet) answer for: skip it, but say so
          if (!/must be less than or equal|not available|pruned|future/.test(String(e))) broken.push(`height ${next}: check failed: ${(e as Error).message}`);
        }
        next++;
      }
    } finally {
      comet.disconnect();
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { checked, broken };
    },
  };
}
