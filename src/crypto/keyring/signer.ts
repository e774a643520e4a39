/**
 * A keyring key as a cosmjs signer: `OfflineDirectSigner` (SIGN_MODE_DIRECT) and
 * `OfflineAminoSigner` (SIGN_MODE_LEGACY_AMINO_JSON), so `SigningStargateClient` can use it.
 * The private key is decrypted at the first signature, not before: `getAccounts` needs none.
 *
 * ed25519 keys: `getAccounts` reports algo "ed25519" and the 32-byte key, and both sign methods
 * work, but cosmjs 0.39's `SigningStargateClient` encodes every signer's key with
 * `encodeSecp256k1Pubkey` and throws for them. Build the tx with `encodePubKey` (../pubkey)
 * in AuthInfo and call `signDirect` directly (README, "Keyring").
 */
import { encodeEd25519Pubkey, encodeSecp256k1Signature, serializeSignDoc, type AminoSignResponse, type OfflineAminoSigner, type StdSignDoc } from '@cosmjs/amino';
import { makeSignBytes, type AccountData, type DirectSignResponse, type OfflineDirectSigner } from '@cosmjs/proto-signing';
import type { SignDoc } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import type { PubKey } from '../pubkey';
import { sign } from '../sign';
import { keyringErrors } from './errors';

export interface SignerKey {
  readonly name: string;
  readonly address: string;
  readonly pubkey: PubKey;
}

export class KeyringSigner implements OfflineDirectSigner, OfflineAminoSigner {
  private privateKey: Promise<Uint8Array> | undefined;

  constructor(
    readonly key: SignerKey,
    private readonly unlock: () => Promise<Uint8Array>,
  ) {}

  get address(): string {
    return this.key.address;
  }

  readonly getAccounts = async (): Promise<readonly AccountData[]> => [
    { address: this.key.address, algo: this.key.pubkey.algo, pubkey: this.key.pubkey.key },
  ];

  readonly signDirect = async (signerAddress: string, signDoc: SignDoc): Promise<DirectSignResponse> => {
    this.checkSigner(signerAddress);
    const signature = sign(this.key.pubkey.algo, await this.secret(), makeSignBytes(signDoc));
    return { signed: signDoc, signature: this.stdSignature(signature) };
  };

  readonly signAmino = async (signerAddress: string, signDoc: StdSignDoc): Promise<AminoSignResponse> => {
    this.checkSigner(signerAddress);
    const signature = sign(this.key.pubkey.algo, await this.secret(), serializeSignDoc(signDoc));
    return { signed: signDoc, signature: this.stdSignature(signature) };
  };

  /** Forgets the decrypted private key; the next signature decrypts it again. */
  lock(): void {
    this.privateKey = undefined;
  }

  private secret(): Promise<Uint8Array> {
    if (this.privateKey === undefined) {
      const pending = this.unlock();
      this.privateKey = pending;
      pending.catch(() => {
        if (this.privateKey === pending) this.privateKey = undefined; // let the caller retry
      });
    }
    return this.privateKey;
  }

  private checkSigner(signerAddress: string): void {
    if (signerAddress !== this.key.address) {
      throw keyringErrors.SignerMismatch(`asked to sign for ${signerAddress}, but key '${this.key.name}' is ${this.key.address}`);
    }
  }

  private stdSignature(signature: Uint8Array) {
    const { algo, key } = this.key.pubkey;
    if (algo === 'secp256k1') return encodeSecp256k1Signature(key, signature);
    return { pub_key: encodeEd25519Pubkey(key), signature: Buffer.from(signature).toString('base64') };
  }
}
