/** Vouchers off chain: sign bytes vector, 1,000 vouchers signed and verified, encoding round trip, lane rule. */
import { Voucher } from '../../gen/hypermesh/paych/v1/paych';
import { publicKeyOf } from '../../crypto/sign';
import { checkAgainstLane, decodeVoucher, encodeVoucher, signVoucher, verifyVoucher, voucherSignBytes } from './index';

const priv = Uint8Array.from({ length: 32 }, (_, i) => 0x40 + i);

test('sign bytes: domain, 0x00, then VoucherSignDoc protobuf in field order with zero values omitted', () => {
  const bytes = voucherSignBytes('hypermesh-devnet-1', Voucher.fromPartial({ channelId: 1n, lane: 0n, nonce: 2n, amount: '300', minSettleHeight: 0n }));
  const prefix = Buffer.from('hypermesh.paych.v1.VoucherSignDoc\0');
  expect(Buffer.from(bytes.subarray(0, prefix.length))).toEqual(prefix);
  // 0a 12 "hypermesh-devnet-1"  10 01  20 02  2a 03 "300"   (lane 0 and min settle height 0 omitted)
  expect(Buffer.from(bytes.subarray(prefix.length)).toString('hex')).toBe('0a12' + Buffer.from('hypermesh-devnet-1').toString('hex') + '1001' + '2002' + '2a03' + Buffer.from('300').toString('hex'));
});

test.each(['secp256k1', 'ed25519'] as const)('1,000 %s vouchers sign and verify off chain; each supersedes the one before', (algo) => {
  const pub = publicKeyOf(algo, priv);
  let best: Voucher | undefined;
  for (let n = 1n; n <= 1000n; n++) {
    const v = signVoucher({ algo, privateKey: priv }, 'hypermesh-devnet-1', { channelId: 7n, lane: 0n, nonce: n, amount: n * 10n });
    const wire = decodeVoucher(encodeVoucher(v));
    expect(verifyVoucher(pub, 'hypermesh-devnet-1', wire)).toBe(true);
    expect(checkAgainstLane(best, wire)).toBe(true);
    if (best) expect(checkAgainstLane(wire, best)).toBe(false); // the older one is stale now
    best = wire;
  }
  expect(best!.amount).toBe('10000');
  expect(verifyVoucher(pub, 'other-chain', best!)).toBe(false);
  expect(verifyVoucher(pub, 'hypermesh-devnet-1', { ...best!, amount: '10001' })).toBe(false);
  expect(verifyVoucher(publicKeyOf(algo, new Uint8Array(32).fill(9)), 'hypermesh-devnet-1', best!)).toBe(false);
});
