/**
 * Every module's params change only through a proposal, and a bad value never reaches a vote:
 * every routed `…MsgUpdateParams` has `validate`, names the gov module account as its only signer
 * and has a `…Query/Params` beside it (what the audit trail reads); a proposal carrying an invalid
 * value for any module is refused at submission with that module's error.
 */
import { MsgUpdateParams as AuthMsg } from 'cosmjs-types/cosmos/auth/v1beta1/tx';
import { MsgUpdateParams as BankMsg } from 'cosmjs-types/cosmos/bank/v1beta1/tx';
import { MsgUpdateParams as DistributionMsg } from 'cosmjs-types/cosmos/distribution/v1beta1/tx';
import { MsgUpdateParams as GovMsg } from 'cosmjs-types/cosmos/gov/v1/tx';
import { MsgUpdateParams as MintMsg } from 'cosmjs-types/cosmos/mint/v1beta1/tx';
import { MsgUpdateParams as SlashingMsg } from 'cosmjs-types/cosmos/slashing/v1beta1/tx';
import { MsgUpdateParams as StakingMsg } from 'cosmjs-types/cosmos/staking/v1beta1/tx';
import { MsgUpdateParams as HyperDistributionMsg } from '../../src/gen/hypermesh/distribution/v1/tx';
import { MsgUpdateParams as HyperSlashingMsg } from '../../src/gen/hypermesh/slashing/v1/tx';
import { MsgUpdateParams as HyperStakingMsg } from '../../src/gen/hypermesh/staking/v1/tx';
import { MsgUpdateParams as ResourceMsg } from '../../src/gen/hypermesh/resource/v1/tx';
import { Dec } from '../../src/types/dec';
import { DEFAULT_PARAMS as AUTH } from '../auth/params';
import { DEFAULT_HYPER_PARAMS as HYPER_DISTRIBUTION, DEFAULT_PARAMS as DISTRIBUTION } from '../distribution/params';
import { DEFAULT_PARAMS as MINT } from '../mint/params';
import { DEFAULT_PARAMS as RESOURCE } from '../resource/params';
import { DEFAULT_HYPER_PARAMS as HYPER_SLASHING, DEFAULT_PARAMS as SLASHING, decBytes } from '../slashing/params';
import { DEFAULT_HYPER_PARAMS as HYPER_STAKING, DEFAULT_PARAMS as STAKING } from '../staking/params';
import { paramsQueryPath } from './execution';
import { DEFAULT_PARAMS as GOV } from './params';
import { anyOf, GOV_ADDRESS, MIN_DEPOSIT, setupGov, submit, type GovTest } from './test_setup';

let g: GovTest;
beforeAll(async () => {
  g = await setupGov({ validators: [100_000_000n], accounts: 1 });
});
afterAll(() => g.t.close());

test('every MsgUpdateParams: validate, the gov authority as only signer, a Params query beside it', () => {
  const urls = g.t.app.msgRouter.typeUrls.filter((u) => u.endsWith('.MsgUpdateParams'));
  expect(urls.length).toBeGreaterThanOrEqual(11);
  for (const url of urls) {
    const { route } = g.t.app.msgRouter.route(url);
    expect([url, typeof route.validate]).toEqual([url, 'function']);
    expect(route.signers(route.type.fromPartial({ authority: GOV_ADDRESS }))).toEqual([GOV_ADDRESS]);
    expect([url, g.t.app.queryRouter.has(paramsQueryPath(url)!)]).toEqual([url, true]);
  }
});

const two = Dec.fromInt(2).toProto();
const cases: [string, ReturnType<typeof anyOf>, string, number, RegExp][] = [
  ['auth', anyOf(AuthMsg, { authority: GOV_ADDRESS, params: { ...AUTH, txSigLimit: 0n } }), 'sdk', 18, /must be positive/],
  ['bank', anyOf(BankMsg, { authority: GOV_ADDRESS, params: { sendEnabled: [{ denom: 'uhyper', enabled: true }], defaultSendEnabled: true } }), 'sdk', 18, /deprecated/],
  ['staking', anyOf(StakingMsg, { authority: GOV_ADDRESS, params: { ...STAKING, maxValidators: 0 } }), 'sdk', 18, /max validators/],
  ['hypermesh_staking', anyOf(HyperStakingMsg, { authority: GOV_ADDRESS, params: { ...HYPER_STAKING, bonusCap: two } }), 'sdk', 18, /bonus cap/],
  ['slashing', anyOf(SlashingMsg, { authority: GOV_ADDRESS, params: { ...SLASHING, slashFractionDowntime: decBytes(Dec.fromInt(2)) } }), 'sdk', 18, /downtime slash/],
  ['hypermesh_slashing', anyOf(HyperSlashingMsg, { authority: GOV_ADDRESS, params: { ...HYPER_SLASHING, resourceFraudSlashFraction: two } }), 'sdk', 18, /resource fraud/],
  ['distribution', anyOf(DistributionMsg, { authority: GOV_ADDRESS, params: { ...DISTRIBUTION, communityTax: two } }), 'sdk', 18, /community tax/],
  ['hypermesh_distribution', anyOf(HyperDistributionMsg, { authority: GOV_ADDRESS, params: { ...HYPER_DISTRIBUTION, burnFraction: two } }), 'sdk', 18, /burn fraction/],
  ['mint', anyOf(MintMsg, { authority: GOV_ADDRESS, params: { ...MINT, goalBonded: Dec.ZERO.toProto() } }), 'sdk', 18, /goal bonded/],
  ['gov', anyOf(GovMsg, { authority: GOV_ADDRESS, params: { ...GOV, quorum: '2' } }), 'sdk', 18, /quorom too large/],
  ['resource', anyOf(ResourceMsg, { authority: GOV_ADDRESS, params: { ...RESOURCE, minLeaseSeconds: 0n } }), 'sdk', 18, /min_lease_seconds/],
];

test.each(cases)('an invalid %s param is refused at submission', async (_module, msg, codespace, code, log) => {
  const before = g.t.app.query({ path: '/cosmos.gov.v1.Query/Proposals', data: new Uint8Array(), height: 0n, prove: false }).value;
  const r = await g.result(1, [submit(g.addr(1), [msg], MIN_DEPOSIT)]);
  expect([r.codespace, r.code]).toEqual([codespace, code]);
  expect(r.log).toMatch(/^invalid proposal message 0 \(/);
  expect(r.log).toMatch(log);
  const after = g.t.app.query({ path: '/cosmos.gov.v1.Query/Proposals', data: new Uint8Array(), height: 0n, prove: false }).value;
  expect(Buffer.from(after).equals(Buffer.from(before))).toBe(true);
});
