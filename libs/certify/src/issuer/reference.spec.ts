import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { IssuerKey } from './issuer-keys';
import bs58 from 'bs58';
import { publicKeyBytesFromMultibase, seedFromSecretMultibase } from '@balanse/credentials';

/** @digitalbazaar/ed25519-multikey is ESM-only: it runs in a child node process. */
function reference(input: object): {
  signature: string;
  verified: boolean;
  generated: { publicKeyMultibase: string; secretKeyMultibase: string };
} {
  const out = execFileSync(
    process.execPath,
    [join(__dirname, 'reference-multikey.mjs'), JSON.stringify(input)],
    { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
  );
  return JSON.parse(out) as ReturnType<typeof reference>;
}

describe('issuer keys against @digitalbazaar/ed25519-multikey', () => {
  it('exchanges keys and signatures both ways', () => {
    const ours = IssuerKey.generate('key-1');
    const secret = ours.toConfigLine().split('=')[1] as string;
    const message = 'a credential to sign';
    const signed = ours.sign(Buffer.from(message));
    const theirs = reference({
      publicKeyMultibase: ours.publicKeyMultibase,
      secretKeyMultibase: secret,
      message,
      signature: signed.toString('base64'),
    });
    // Ed25519 is deterministic: the same key signs the same bytes to the same signature.
    expect(theirs.signature).toBe(signed.toString('base64'));
    expect(theirs.verified).toBe(true);
    // A key pair the reference generated (its 64-byte secret form) loads here to the same key.
    const imported = new IssuerKey(
      'key-2',
      seedFromSecretMultibase(theirs.generated.secretKeyMultibase),
    );
    expect(imported.publicKeyMultibase).toBe(theirs.generated.publicKeyMultibase);
    // Its 64-byte form with a public half that does not belong to the seed is refused.
    const other = IssuerKey.generate('key-3').publicKeyMultibase;
    const mismatched = Buffer.concat([
      seedFromSecretMultibase(theirs.generated.secretKeyMultibase),
      publicKeyBytesFromMultibase(other),
    ]);
    expect(() =>
      seedFromSecretMultibase(
        'z' + bs58.encode(Buffer.concat([Buffer.from([0x80, 0x26]), mismatched])),
      ),
    ).toThrow(/public half/);
  });
});
