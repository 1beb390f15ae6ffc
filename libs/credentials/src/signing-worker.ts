// One thread of the signing pool (signing-pool.ts): signs each batch it is sent with
// `signCredential` and the pinned contexts, and answers with the signed credentials in order, or
// with the first error as plain data (an Error's own fields do not survive postMessage).
import { parentPort } from 'node:worker_threads';
import { signCredential } from './eddsa-rdfc-2022';
import { CredentialError } from './problems';
import type { SigningJob, SigningReply } from './signing-pool';

const port = parentPort;
if (!port) throw new Error('signing-worker runs as a worker thread of the signing pool');

/** The CredentialError behind a failure (jsonld wraps the loader's in `details.cause`), if any. */
function credentialError(error: unknown): CredentialError | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 8; depth++) {
    if (e instanceof CredentialError) return e;
    const { cause, details } = e as { cause?: unknown; details?: { cause?: unknown } };
    e = cause ?? details?.cause;
  }
  return undefined;
}

port.on('message', async ({ job, credentials, key, created }: SigningJob) => {
  let reply: SigningReply;
  try {
    const signed = [];
    for (const credential of credentials)
      signed.push(await signCredential(credential, key, { created: new Date(created) }));
    reply = { job, signed };
  } catch (error) {
    const coded = credentialError(error);
    const { name = 'Error', message = String(error) } = (error ?? {}) as Partial<Error>;
    reply = {
      job,
      error: coded
        ? { name: coded.name, message: coded.message, code: coded.code, path: coded.path }
        : { name, message },
    };
  }
  port.postMessage(reply);
});
