// Test helper: the independent reference (@digitalbazaar/ed25519-multikey, ESM-only, so it runs
// in a child node process) signs with a Multikey key pair and verifies a signature.
// Input (argv[2], JSON): publicKeyMultibase, secretKeyMultibase, message, signature (base64).
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

const input = JSON.parse(process.argv[2]);
const pair = await Ed25519Multikey.from({
  id: 'did:example:issuer#key',
  controller: 'did:example:issuer',
  publicKeyMultibase: input.publicKeyMultibase,
  secretKeyMultibase: input.secretKeyMultibase,
});
const data = Buffer.from(input.message);
const signature = await pair.signer().sign({ data });
const verified = await pair
  .verifier()
  .verify({ data, signature: Buffer.from(input.signature, 'base64') });
const generated = await Ed25519Multikey.generate();
const exported = await generated.export({ publicKey: true, secretKey: true, includeContext: true });
console.log(
  JSON.stringify({
    signature: Buffer.from(signature).toString('base64'),
    verified,
    generated: {
      publicKeyMultibase: exported.publicKeyMultibase,
      secretKeyMultibase: exported.secretKeyMultibase,
    },
  }),
);
