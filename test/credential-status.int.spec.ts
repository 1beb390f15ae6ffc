/**
 * Issue 9, items 3-4: the issuer's identity and the status of its credentials, through the
 * gateway. `/.well-known/did.json` (public) lists the issuer's keys; the signed status lists
 * (public, cacheable) carry a credential's bit once its tenant revokes or suspends it; revoke,
 * suspend and reinstate are the tenant's alone. Both modes; the distributed one also checks the
 * events on the stream, a credential with no status entry, and a key rotation.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { CONTEXTS, secretKeyMultibase, verifyCredential } from '@balanse/credentials';
import {
  driveCase,
  REPO_ROOT,
  seededStandard,
  startStack,
  TEST_ISSUER_KEYS,
  type ApiClient,
  type Stack,
  readEventStream,
} from '@balanse/testing';

interface DidDocument {
  id: string;
  verificationMethod: Array<{
    id: string;
    type: string;
    controller: string;
    publicKeyMultibase: string;
  }>;
  assertionMethod: string[];
}

/** What a verifier resolves a proof's key with: the served DID document, nothing else. */
const resolverFrom = (did: DidDocument) => (methodId: string) => {
  const method = did.verificationMethod.find((m) => m.id === methodId);
  return method && did.assertionMethod.includes(methodId)
    ? { publicKeyMultibase: method.publicKeyMultibase, controller: method.controller }
    : undefined;
};

/** The bit at `index` of a status list credential, decoded by hand (independent of certify). */
function bit(list: { credentialSubject: { encodedList: string } }, index: number): boolean {
  const encoded = list.credentialSubject.encodedList;
  expect(encoded.startsWith('u')).toBe(true);
  const bytes = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
  return (bytes[index >> 3]! & (0x80 >> (index & 7))) !== 0;
}

/** The @digitalbazaar reference verifier (ESM, a child process): `libs/credentials/src/test`. */
function referenceVerify(
  credential: unknown,
  did: DidDocument,
): { verified: boolean; error?: string } {
  const out = execFileSync(
    process.execPath,
    [join(REPO_ROOT, 'libs/credentials/src/test/reference.mjs')],
    {
      input: JSON.stringify({
        mode: 'verify',
        credentials: [credential],
        // The key the proof names (the reference keeps one DID document per controller).
        keys: did.verificationMethod
          .filter((m) => m.id === (credential as any).proof[0].verificationMethod)
          .map((m) => ({
            id: m.id,
            controller: m.controller,
            publicKeyMultibase: m.publicKeyMultibase,
          })),
        contexts: Object.fromEntries(CONTEXTS),
      }),
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  return JSON.parse(out.toString('utf8'))[0];
}

async function getPublic(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

async function certifiedCredential(api: ApiClient, externalId: string) {
  const standard = await seededStandard(api);
  const { caseId, final } = await driveCase(api, standard, { externalId });
  expect(final.result).toBe('certified');
  const items = (await api.get(`/cases/${caseId}/credentials`)).body.items;
  expect(items).toHaveLength(1);
  return items[0];
}

/** Every event on the stream about credential `id`. */
async function credentialEvents(id: string): Promise<Array<Record<string, any>>> {
  return (await readEventStream()).filter(
    (e) => String(e['type']).startsWith('balanse.credential.') && e['data']?.credentialId === id,
  );
}

describe.each(['embedded', 'distributed'] as const)('credential status (%s)', (mode) => {
  let stack: Stack;
  let api: ApiClient;
  let credential: any;
  let did: DidDocument;

  beforeAll(async () => {
    stack = await startStack({ mode });
    api = stack.api.withTenant('status-a');
    credential = await certifiedCredential(api, `status-${mode}-1`);
  }, 180_000);
  afterAll(() => stack?.stop(), 60_000);

  const entry = () => credential.credential.credentialStatus;
  const listUrl = (purpose: 'revocation' | 'suspension') =>
    entry().statusListCredential.replace(/revocation$/, purpose);
  const index = () => Number(entry().statusListIndex);

  it('serves the issuer DID document without a token; the credential verifies against it', async () => {
    expect(credential).toMatchObject({
      status: 'active',
      statusChangedAt: null,
      statusReason: null,
    });
    const res = await getPublic(`${stack.url}/.well-known/did.json`);
    expect(res.status).toBe(200);
    did = res.body;
    const issuer = credential.credential.issuer.id;
    expect(did.id).toBe(issuer);
    expect(did.verificationMethod[0]).toMatchObject({
      id: credential.credential.proof[0].verificationMethod,
      type: 'Multikey',
      controller: issuer,
    });
    expect(did.verificationMethod[0]!.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(await verifyCredential(credential.credential, resolverFrom(did))).toEqual({
      verified: true,
      problems: [],
    });
  });

  it('serves the signed status list: public, cacheable, verified by us and by the reference', async () => {
    expect(entry()).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
    });
    let started = performance.now();
    const res = await getPublic(listUrl('revocation'));
    const builtMs = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const list = res.body;
    expect(list).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: entry().statusListCredential,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: did.id,
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation', ttl: 60_000 },
    });
    expect(Date.parse(list.validFrom)).toBeLessThanOrEqual(Date.now());
    expect(bit(list, index())).toBe(false);
    expect((await verifyCredential(list, resolverFrom(did))).verified).toBe(true);
    expect(referenceVerify(list, did)).toEqual({ verified: true });
    const tampered = structuredClone(list);
    // Another list under the same proof: the bit of one more credential set.
    const bytes = gunzipSync(Buffer.from(list.credentialSubject.encodedList.slice(1), 'base64url'));
    bytes[0]! ^= 0x80;
    tampered.credentialSubject.encodedList = `u${gzipSync(bytes).toString('base64url')}`;
    expect(referenceVerify(tampered, did).verified).toBe(false);

    // Unchanged: the same bytes (kept signed) and 304 for the ETag held.
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      started = performance.now();
      await getPublic(listUrl('revocation'));
      times.push(performance.now() - started);
    }
    const cachedMs = times.sort((a, b) => a - b)[10]!;
    const again = await getPublic(listUrl('revocation'));
    writeSync(
      2,
      `[${mode}] status list GET: built and signed ${builtMs.toFixed(1)} ms, kept (median of 20) ${cachedMs.toFixed(1)} ms\n`,
    );
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.body).toEqual(list);
    const notModified = await fetch(listUrl('revocation'), { headers: { 'if-none-match': etag! } });
    expect(notModified.status).toBe(304);
  });

  it('answers 404 for a list that does not exist and 400 naming list or purpose', async () => {
    const base = `${stack.url}/api/v1/status-lists`;
    const missing = await getPublic(`${base}/424242/revocation`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      code: 'STATUS_LIST_NOT_FOUND',
      details: { list: 424242 },
    });
    const badList = await getPublic(`${base}/one/revocation`);
    expect(badList.status).toBe(400);
    expect(badList.body.fields).toEqual([{ field: 'list', message: expect.any(String) }]);
    const badPurpose = await getPublic(`${base}/1/expiry`);
    expect(badPurpose.status).toBe(400);
    expect(badPurpose.body.fields).toEqual([{ field: 'purpose', message: expect.any(String) }]);
  });

  it("keeps a credential to its tenant: another's revoke is 404, and bodies are checked", async () => {
    const other = stack.api.withTenant('status-b');
    const foreign = await other.post(`/credentials/${credential.id}/revoke`, {
      reason: 'not mine',
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('CREDENTIAL_NOT_FOUND');
    expect(
      (await other.post(`/credentials/${credential.id}/suspend`, { reason: 'x' })).status,
    ).toBe(404);
    expect((await other.post(`/credentials/${credential.id}/reinstate`)).status).toBe(404);
    for (const [body, field] of [
      [{}, 'reason'],
      [{ reason: '' }, 'reason'],
      [{ reason: 'x'.repeat(501) }, 'reason'],
      [{ reason: 'ok', extra: 1 }, 'extra'],
    ] as const) {
      const res = await api.post(`/credentials/${credential.id}/revoke`, body);
      expect(res.status).toBe(400);
      expect([...new Set(res.body.fields.map((f: { field: string }) => f.field))]).toEqual([field]);
    }
    expect((await api.get(`/credentials/${credential.id}`)).body.status).toBe('active');
  });

  it('suspends and reinstates: the suspension bit is set and cleared, the revocation bit never', async () => {
    const before = await getPublic(listUrl('suspension'));
    expect(before.status).toBe(200);
    expect(before.body.credentialSubject.statusPurpose).toBe('suspension');
    expect(bit(before.body, index())).toBe(false);

    const suspended = await api.post(`/credentials/${credential.id}/suspend`, {
      reason: 'Under review after a complaint',
    });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({
      id: credential.id,
      status: 'suspended',
      statusReason: 'Under review after a complaint',
    });
    // Suspending again answers it as it is.
    const twice = await api.post(`/credentials/${credential.id}/suspend`, { reason: 'again' });
    expect(twice.status).toBe(200);
    expect(twice.body.statusChangedAt).toBe(suspended.body.statusChangedAt);
    expect(twice.body.statusReason).toBe('Under review after a complaint');

    const during = await getPublic(listUrl('suspension'), {
      'if-none-match': before.headers.get('etag')!,
    });
    expect(during.status).toBe(200);
    expect(during.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect(bit(during.body, index())).toBe(true);
    expect((await verifyCredential(during.body, resolverFrom(did))).verified).toBe(true);
    expect(bit((await getPublic(listUrl('revocation'))).body, index())).toBe(false);

    const reinstated = await api.post(`/credentials/${credential.id}/reinstate`);
    expect(reinstated.status).toBe(200);
    expect(reinstated.body).toMatchObject({
      status: 'active',
      statusChangedAt: null,
      statusReason: null,
    });
    expect(bit((await getPublic(listUrl('suspension'))).body, index())).toBe(false);
    // Reinstating an active credential changes nothing.
    expect((await api.post(`/credentials/${credential.id}/reinstate`)).body.status).toBe('active');
  });

  it('revokes for good, idempotently: the revocation bit is set at the next fetch', async () => {
    const key = `revoke-${randomUUID()}`;
    const body = { reason: 'Issued to the wrong candidate' };
    const revoked = await api.send('POST', `/credentials/${credential.id}/revoke`, body, {
      'idempotency-key': key,
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', statusReason: body.reason });
    const replay = await api.send('POST', `/credentials/${credential.id}/revoke`, body, {
      'idempotency-key': key,
    });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(revoked.body);
    const reused = await api.send(
      'POST',
      `/credentials/${credential.id}/revoke`,
      { reason: 'another' },
      { 'idempotency-key': key },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // Without the key, revoking again answers it as it is: the first time and reason stay.
    const again = await api.post(`/credentials/${credential.id}/revoke`, { reason: 'twice' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(revoked.body);

    const list = (await getPublic(listUrl('revocation'))).body;
    expect(bit(list, index())).toBe(true);
    expect((await verifyCredential(list, resolverFrom(did))).verified).toBe(true);
    expect(referenceVerify(list, did)).toEqual({ verified: true });

    const shown = (await api.get(`/credentials/${credential.id}`)).body;
    expect(shown).toMatchObject({ status: 'revoked', statusReason: body.reason });
    expect(shown.statusChangedAt).toBe(revoked.body.statusChangedAt);
    expect((await api.get(`/cases/${credential.caseId}/credentials`)).body.items[0].status).toBe(
      'revoked',
    );
    // A revocation is final.
    for (const change of ['suspend', 'reinstate']) {
      const res = await api.post(
        `/credentials/${credential.id}/${change}`,
        change === 'suspend' ? { reason: 'x' } : undefined,
      );
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CREDENTIAL_REVOKED');
    }
  });

  if (mode !== 'distributed') return;

  it('emits credential.suspended, .reinstated and .revoked once each, without the reason', async () => {
    let events: Array<Record<string, any>> = [];
    for (let i = 0; i < 100 && events.length < 3; i++) {
      events = await credentialEvents(credential.id);
      if (events.length < 3) await new Promise((r) => setTimeout(r, 100));
    }
    expect(events.map((e) => e['type'])).toEqual([
      'balanse.credential.suspended.v1',
      'balanse.credential.reinstated.v1',
      'balanse.credential.revoked.v1',
    ]);
    for (const event of events) {
      expect(event).toMatchObject({ source: '/balanse/certify', subject: credential.caseId });
      expect(event['data']).toEqual({
        credentialId: credential.id,
        caseId: credential.caseId,
        standardId: credential.standardId,
        kind: 'full',
        at: expect.any(String),
      });
    }
    expect(events[2]!['data'].at).toBe(
      (await api.get(`/credentials/${credential.id}`)).body.statusChangedAt,
    );
    expect(JSON.stringify(events)).not.toMatch(/wrong candidate|complaint/);
  });

  it('answers 409 CREDENTIAL_WITHOUT_STATUS for a credential issued before signing', async () => {
    const id = randomUUID();
    const db = new Client({ connectionString: stack.databases.certify });
    await db.connect();
    try {
      await db.query(
        `INSERT INTO credential (id, tenant_id, case_id, standard_id, kind, outcome_ids,
           standard_outcome_ids, standard_version, issued_at, document)
         SELECT $2, tenant_id, $3, standard_id, kind, outcome_ids, standard_outcome_ids,
           standard_version, issued_at, '{}'::jsonb FROM credential WHERE id = $1`,
        [credential.id, id, randomUUID()],
      );
    } finally {
      await db.end();
    }
    expect((await api.get(`/credentials/${id}`)).body.status).toBe('active');
    for (const change of ['revoke', 'suspend']) {
      const res = await api.post(`/credentials/${id}/${change}`, { reason: 'old one' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'CREDENTIAL_WITHOUT_STATUS', details: { id } });
    }
  });

  it('rotates the key: new credentials signed with the new key, old ones still verify', async () => {
    const newKeys = `key-2026=${secretKeyMultibase(randomBytes(32))},${TEST_ISSUER_KEYS}`;
    const certify = stack.process('certify');
    certify.setEnv({ BALANSE_ISSUER_KEYS: newKeys });
    await certify.restart();
    const rotated = (await getPublic(`${stack.url}/.well-known/did.json`)).body as DidDocument;
    expect(rotated.id).toBe(did.id);
    expect(rotated.verificationMethod.map((m) => m.id)).toEqual([
      `${did.id}#key-2026`,
      `${did.id}#test-key`,
    ]);
    expect(rotated.verificationMethod[1]).toEqual(did.verificationMethod[0]);

    const fresh = await certifiedCredential(api, `status-${mode}-rotated`);
    expect(fresh.credential.proof[0].verificationMethod).toBe(`${did.id}#key-2026`);
    const resolve = resolverFrom(rotated);
    expect((await verifyCredential(fresh.credential, resolve)).verified).toBe(true);
    expect((await verifyCredential(credential.credential, resolve)).verified).toBe(true);
    // The old document alone does not know the new key.
    expect((await verifyCredential(fresh.credential, resolverFrom(did))).problems[0]?.code).toBe(
      'KEY_UNKNOWN',
    );
    // The status list is signed again with the new key, and still has the revocation.
    const list = (await getPublic(listUrl('revocation'))).body;
    expect(list.proof[0].verificationMethod).toBe(`${did.id}#key-2026`);
    expect(bit(list, index())).toBe(true);
    expect((await verifyCredential(list, resolve)).verified).toBe(true);
    expect(referenceVerify(list, rotated)).toEqual({ verified: true });
  }, 180_000);
});
