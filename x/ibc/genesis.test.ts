/** The ibc and transfer genesis sections survive the SDK JSON codec that `hypermesh init` and InitChain use. */
import { sdkGenesisCodec } from '../../src/app/genesis_codec';
import { ibcGenesis } from './genesis';
import { transferGenesis } from '../transfer/genesis';
import { TransferKeeper } from '../transfer/keeper';

test.each([
  ['ibc', ibcGenesis()],
  ['transfer', transferGenesis(new TransferKeeper({ bank: {} as never, channels: {} as never, addrs: {} as never }))],
])('default %s genesis round-trips through the SDK JSON codec', (_name, g) => {
  const json = sdkGenesisCodec.encode(g as never, (g as { default(): unknown }).default());
  const back = sdkGenesisCodec.decode(g as never, JSON.parse(JSON.stringify(json)));
  expect(back).toEqual((g as { default(): unknown }).default());
});
