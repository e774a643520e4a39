/** Worker thread: signs the bank sends of a slice of the benchmark accounts. */
import { parentPort, workerData } from 'node:worker_threads';
import { signAll, type BenchAccount } from './bench_accounts';

interface Job {
  accounts: { priv: Uint8Array; pubkey: Uint8Array; address: string }[];
  firstNumber: number;
  perAccount: number;
  chainId: string;
  feeUhyper: string;
  gas: string;
}

const job = workerData as Job;
const accounts: BenchAccount[] = job.accounts.map((a) => ({ priv: Buffer.from(a.priv), pubkey: Buffer.from(a.pubkey), address: a.address }));
const rounds = signAll(accounts, job.firstNumber, job.perAccount, job.chainId, job.feeUhyper, BigInt(job.gas));
parentPort!.postMessage(rounds);
