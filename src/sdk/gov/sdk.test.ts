/**
 * The governance client SDK: every routed hypermesh.gov.v1 Msg has a Registry entry, the Amino
 * converters have unique names equal to the protos' amino.name and round-trip byte for byte, and
 * txs signed in SIGN_MODE_LEGACY_AMINO_JSON with them (a v1 vote, a vote delegation) are accepted
 * by the app.
 */
import { encodeSecp256k1Pubkey, makeSignDoc as makeAminoSignDoc, Secp256k1Wallet } from '@cosmjs/amino';
import { fromBase64 } from '@cosmjs/encoding';
import { encodePubkey, makeAuthInfoBytes, Registry, type EncodeObject } from '@cosmjs/proto-signing';
import { AminoTypes, defaultRegistryTypes } from '@cosmjs/stargate';
import { getOption, hasOption } from '@bufbuild/protobuf';
import { VoteOption } from 'cosmjs-types/cosmos/gov/v1/gov';
import { MsgDeposit, MsgVote, MsgVoteWeighted } from 'cosmjs-types/cosmos/gov/v1/tx';
import { QueryVoteRequest, QueryVoteResponse } from 'cosmjs-types/cosmos/gov/v1/query';
import { MsgUpdateParams as MsgUpdateSlashingParams } from 'cosmjs-types/cosmos/slashing/v1beta1/tx';
import { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing';
import { TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { QueryVoteDelegationRequest, QueryVoteDelegationResponse } from '../../gen/hypermesh/gov/v1/query';
import { MsgDelegateVote, MsgUndelegateVote } from '../../gen/hypermesh/gov/v1/tx';
import { messageDesc, protoRegistry } from '../../codec/descriptors';
import { accountAddresses } from '../../crypto/address';
import { CHAIN_ID, query } from '../../../test/helpers/test_app';
import { hyperGovMsgs } from '../../../x/gov/msg_server';
import { GOV_ADDRESS, MIN_DEPOSIT, setupGov, submit } from '../../../x/gov/test_setup';
import { DEFAULT_PARAMS as SLASHING_DEFAULTS } from '../../../x/slashing/params';
import { createGovAminoConverters, govTypes, msgDelegateVote, proposalMessage } from './index';

const addr = 'hyper1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjnp7du';

const SAMPLES: Record<string, [{ fromPartial(o: any): any; encode(m: any): { finish(): Uint8Array } }, object]> = {
  [MsgVote.typeUrl]: [MsgVote, { proposalId: 3n, voter: addr, option: VoteOption.VOTE_OPTION_NO_WITH_VETO, metadata: 'why' }],
  [MsgVoteWeighted.typeUrl]: [MsgVoteWeighted, { proposalId: 3n, voter: addr, options: [{ option: 1, weight: '0.5' }, { option: 3, weight: '0.5' }], metadata: '' }],
  [MsgDeposit.typeUrl]: [MsgDeposit, { proposalId: 1n, depositor: addr, amount: [{ denom: 'uhyper', amount: '10' }] }],
  '/hypermesh.gov.v1.MsgDelegateVote': [MsgDelegateVote, { delegator: addr, delegate: GOV_ADDRESS }],
  '/hypermesh.gov.v1.MsgUndelegateVote': [MsgUndelegateVote, { delegator: addr }],
};

describe('registry and amino', () => {
  const converters = createGovAminoConverters();

  test('every routed hypermesh.gov.v1 Msg has a Registry entry', () => {
    const routed = hyperGovMsgs({} as never).map((r) => r.type.typeUrl);
    const registered = govTypes.map(([u]) => u);
    for (const url of routed) expect(registered).toContain(url);
  });

  test('amino names are unique and are the protos’ amino.name', () => {
    const names = Object.values(converters).map((c) => c.aminoType);
    expect(new Set(names).size).toBe(names.length);
    const ext = protoRegistry().getExtension('amino.name')!;
    for (const [url, c] of Object.entries(converters)) {
      const desc = messageDesc(url.slice(1))!;
      expect((hasOption as any)(desc, ext)).toBe(true);
      expect((getOption as any)(desc, ext)).toBe(c.aminoType);
    }
  });

  test.each(Object.keys(SAMPLES))('fromAmino(toAmino(m)) = m for %s', (url) => {
    const [type, sample] = SAMPLES[url];
    const value = type.fromPartial(sample);
    const amino = new AminoTypes(converters);
    const json = amino.toAmino({ typeUrl: url, value });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    const back = amino.fromAmino(json);
    expect(back.typeUrl).toBe(url);
    expect(Buffer.from(type.encode(back.value).finish()).toString('hex')).toBe(Buffer.from(type.encode(value).finish()).toString('hex'));
  });

  test('v1 MsgVote as the SDK’s aminojson writes it (empty fields omitted, enum as a number)', () => {
    const amino = new AminoTypes(converters);
    expect(amino.toAmino({ typeUrl: MsgVote.typeUrl, value: MsgVote.fromPartial({ proposalId: 7n, voter: addr, option: VoteOption.VOTE_OPTION_YES }) })).toEqual({
      type: 'cosmos-sdk/v1/MsgVote',
      value: { proposal_id: '7', voter: addr, option: 1 },
    });
  });
});

describe('SIGN_MODE_LEGACY_AMINO_JSON gov txs', () => {
  test('a v1 vote and a vote delegation signed in Amino JSON are accepted', async () => {
    const g = await setupGov({ validators: [100_000_000n], accounts: 2 });
    try {
      const msg = proposalMessage(MsgUpdateSlashingParams, { authority: GOV_ADDRESS, params: { ...SLASHING_DEFAULTS, signedBlocksWindow: 150n } });
      await g.run(1, [submit(g.addr(1), [msg], MIN_DEPOSIT)]);
      const key = g.s.keys[2];
      const amino = new AminoTypes({ ...createGovAminoConverters() });
      const registry = new Registry([...defaultRegistryTypes, ...govTypes]);
      const sign = async (msgs: EncodeObject[], sequence: number) => {
        const fee = { amount: [], gas: '400000' };
        const doc = makeAminoSignDoc(msgs.map((m) => amino.toAmino(m)), fee, CHAIN_ID, '', '2', String(sequence));
        const wallet = await Secp256k1Wallet.fromKey(key.privkey, 'hyper');
        const { signature, signed } = await wallet.signAmino(key.address, doc);
        const bodyBytes = registry.encodeTxBody({ messages: signed.msgs.map((m) => amino.fromAmino(m)), memo: '' });
        const authInfoBytes = makeAuthInfoBytes([{ pubkey: encodePubkey(encodeSecp256k1Pubkey(key.pubkey)), sequence }], [], 400000, undefined, undefined, SignMode.SIGN_MODE_LEGACY_AMINO_JSON);
        return TxRaw.encode({ bodyBytes, authInfoBytes, signatures: [fromBase64(signature.signature)] }).finish();
      };
      const vote = { typeUrl: MsgVote.typeUrl, value: MsgVote.fromPartial({ proposalId: 1n, voter: key.address, option: VoteOption.VOTE_OPTION_ABSTAIN }) };
      const [r1] = await g.t.block([await sign([vote], 0)]);
      expect([r1.codespace, r1.code, r1.log]).toEqual(['', 0, '']);
      const [r2] = await g.t.block([await sign([msgDelegateVote(key.address, g.addr(0))], 1)]);
      expect([r2.codespace, r2.code, r2.log]).toEqual(['', 0, '']);
      expect(query(g.t, '/cosmos.gov.v1.Query/Vote', QueryVoteRequest, QueryVoteResponse, { proposalId: 1n, voter: key.address }).vote!.options).toEqual([{ option: VoteOption.VOTE_OPTION_ABSTAIN, weight: '1.000000000000000000' }]);
      expect(query(g.t, '/hypermesh.gov.v1.Query/VoteDelegation', QueryVoteDelegationRequest, QueryVoteDelegationResponse, { delegator: key.address }).delegation!.delegate).toBe(g.addr(0));
      expect(accountAddresses.isValid(key.address)).toBe(true);
    } finally {
      await g.t.close();
    }
  });
});
