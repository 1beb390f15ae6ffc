// The independent path (tests only): the @digitalbazaar Data Integrity libraries, ESM-only, run
// in a child process. Reads {mode, credentials, keys, contexts, date, iterations, warmup} as JSON
// on stdin.
//   verify: [{verified, error}] per credential;  issue: {signed, ms}, the credentials signed by
//   the reference and the time it took (`iterations` passes, after `warmup` unmeasured signatures).
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as vc from '@digitalbazaar/vc';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { mode, credentials, keys, contexts, date, iterations, skipStatus, warmup } =
  JSON.parse(input);

const documents = new Map(Object.entries(contexts));
for (const key of keys) {
  documents.set(key.id, {
    '@context': 'https://w3id.org/security/multikey/v1',
    id: key.id,
    type: 'Multikey',
    controller: key.controller,
    publicKeyMultibase: key.publicKeyMultibase,
  });
  // A DID document: jsonld-signatures reads its assertionMethod without loading the DID context.
  documents.set(key.controller, {
    '@context': 'https://www.w3.org/ns/did/v1',
    id: key.controller,
    assertionMethod: [key.id],
  });
}
const documentLoader = async (url) => {
  const document = documents.get(url);
  if (!document) throw new Error(`UNKNOWN_CONTEXT ${url}`);
  return { contextUrl: null, documentUrl: url, document };
};

let out;
if (mode === 'verify') {
  out = [];
  for (const credential of credentials) {
    try {
      const result = await vc.verifyCredential({
        credential,
        suite: new DataIntegrityProof({ cryptosuite }),
        documentLoader,
        // `skipStatus`: the caller checks credentialStatus itself (the reference would fetch it).
        ...(skipStatus ? { checkStatus: async () => ({ verified: true }) } : {}),
      });
      out.push({
        verified: result.verified,
        error: result.verified
          ? undefined
          : String(
              result.error?.errors?.[0]?.message ??
                result.error?.message ??
                JSON.stringify(result.results?.[0]?.error ?? result),
            ),
      });
    } catch (error) {
      out.push({ verified: false, error: String(error?.message ?? error) });
    }
  }
} else {
  const key = await Ed25519Multikey.from({
    ...keys[0],
    type: 'Multikey',
    '@context': 'https://w3id.org/security/multikey/v1',
  });
  const signer = key.signer();
  const issue = (credential) =>
    vc.issue({
      credential: structuredClone(credential),
      suite: new DataIntegrityProof({
        signer,
        cryptosuite,
        date: date ? new Date(date) : undefined,
      }),
      documentLoader,
    });
  for (let i = 0; i < (warmup ?? 0); i++) await issue(credentials[i % credentials.length]);
  out = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < (iterations ?? 1); i++) {
    for (const credential of credentials) {
      const signed = await issue(credential);
      if (i === 0) out.push(signed);
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  out = { signed: out, ms };
}
process.stdout.write(JSON.stringify(out));
