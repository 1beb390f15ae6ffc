import { execFileSync } from 'node:child_process';
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  CONTEXTS,
  generateEd25519Multikey,
  multikeyFromPrivateKey,
  privateKeyFromMultibase,
  signCredential,
  signVcJwt,
} from '@balanse/credentials';
import {
  driveCase,
  REPO_ROOT,
  seededStandard,
  startStack,
  TEST_ISSUER_KEYS,
  type ApiClient,
  type Stack,
} from '@balanse/testing';

type Json = Record<string, any>;

const report = (text: string) => writeSync(2, `${text}\n`);
const TEST_SECRET = TEST_ISSUER_KEYS.slice(TEST_ISSUER_KEYS.indexOf('=') + 1);
const XSS_NAME = 'Solsiden <script>alert(1)</script> & "co"';

/** The independent @digitalbazaar verifier (ESM, a child process), given the issuer's key. */
function referenceVerify(
  credential: Json,
  key: Json,
): Array<{ verified: boolean; error?: string }> {
  const out = execFileSync(
    process.execPath,
    [join(REPO_ROOT, 'libs/credentials/src/test/reference.mjs')],
    {
      input: JSON.stringify({
        mode: 'verify',
        credentials: [credential],
        keys: [key],
        contexts: Object.fromEntries(CONTEXTS),
        skipStatus: true, // status is ours to read: the reference would fetch the list
      }),
      env: { ...process.env, NODE_OPTIONS: '' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(out.toString('utf8'));
}

/** Public: no token. */
async function post(stack: Stack, path: string, body: string | Buffer, type = 'application/json') {
  const res = await fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': type },
    body,
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, headers: res.headers };
}

const verify = (stack: Stack, credential: unknown) =>
  post(stack, '/api/v1/credentials/verify', JSON.stringify({ verifiableCredential: credential }));

const codes = (r: { json: any }) => (r.json?.errors ?? []).map((e: { code: string }) => e.code);

describe.each(['embedded', 'distributed'] as const)('credential verification (%s)', (mode) => {
  let stack: Stack;
  let api: ApiClient;
  let credentialId: string;
  let credential: Json;
  let signingKey: { id: string; secretKeyMultibase: string };

  beforeAll(async () => {
    stack = await startStack({ mode, env: { BALANSE_ISSUER_KEYS: TEST_ISSUER_KEYS } });
    api = stack.api;
    expect(
      (await api.put('/issuer-profile', { name: XSS_NAME, url: 'https://solsiden.example.no' }))
        .status,
    ).toBe(200);
    const standard = await seededStandard(api);
    const { caseId, final } = await driveCase(api, standard, {
      externalId: `verify-${mode}`,
      judge: (_, i) => (i < 3 ? 'met' : 'not_met'),
    });
    expect(final.result).toBe('partial');
    const list = (await api.get(`/cases/${caseId}/credentials`)).body.items;
    credentialId = list[0].id;
    credential = list[0].credential;
    signingKey = { id: credential.proof[0].verificationMethod, secretKeyMultibase: TEST_SECRET };
  }, 300_000);
  afterAll(() => stack?.stop(), 60_000);

  /** The credential changed by `change` (a deep copy), and re-signed when asked. */
  async function variant(change: (c: Json) => void, resign = false): Promise<Json> {
    const copy = structuredClone(credential);
    change(copy);
    return resign ? signCredential(copy, signingKey) : copy;
  }

  it('verifies what certify issued: verified, every check run, no token needed', async () => {
    const r = await verify(stack, credential);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      verified: true,
      checks: ['schema', 'issuer', 'proof', 'validFrom', 'validUntil', 'credentialStatus'],
      warnings: [],
      errors: [],
    });
    // W3C VC API: `options` accepted, unknown options ignored.
    const withOptions = await post(
      stack,
      '/api/v1/credentials/verify',
      JSON.stringify({ verifiableCredential: credential, options: { checks: ['proof'], x: 1 } }),
    );
    expect(withOptions.json.verified).toBe(true);
  });

  it('the independent @digitalbazaar verifier verifies it too (key from the DID document)', () => {
    const did = credential.issuer.id;
    // The DID document's verification method, built from the test issuer key.
    const vm = credential.proof[0].verificationMethod;
    const key = multikeyFromPrivateKey(privateKeyFromMultibase(TEST_SECRET), did, 'test-key');
    expect(key.id).toBe(vm);
    expect(referenceVerify(credential, key)).toEqual([{ verified: true }]);
    // And it refuses a changed one.
    expect(referenceVerify({ ...credential, name: 'Forged' }, key)[0]!.verified).toBe(false);
  });

  it('catches each tamper with its code', async () => {
    const cases: Array<[string, Json | unknown, string[]]> = [
      [
        'a changed outcome',
        await variant((c) => {
          const r = c.credentialSubject.result.find((x: Json) => x.status === 'InProgress');
          r.status = 'Completed';
        }),
        ['PROOF_INVALID'],
      ],
      [
        'a changed date',
        await variant((c) => (c.validFrom = '2020-01-01T00:00:00Z')),
        ['PROOF_INVALID'],
      ],
      [
        'a swapped proof value',
        await variant((c) => {
          const other = credential.proof[0].proofValue as string;
          c.proof[0].proofValue =
            other.slice(0, 10) + (other[10] === 'A' ? 'B' : 'A') + other.slice(11);
        }),
        ['PROOF_INVALID'],
      ],
      ['a removed field', await variant((c) => delete c.name), ['PROOF_INVALID']],
      ['a removed proof', await variant((c) => delete c.proof), ['PROOF_MISSING']],
      [
        'a required field removed (schema)',
        await variant((c) => delete c.credentialSubject.achievement.criteria),
        ['SCHEMA_INVALID', 'PROOF_INVALID'],
      ],
      [
        'signed with another key under our key id',
        await signCredential(structuredClone(credential), {
          id: signingKey.id,
          secretKeyMultibase: generateEd25519Multikey('did:example:x').secretKeyMultibase,
        }),
        ['PROOF_INVALID'],
      ],
      [
        'signed with a key that is not the issuer’s',
        await signCredential(structuredClone(credential), {
          id: `${credential.issuer.id}#not-ours`,
          secretKeyMultibase: TEST_SECRET,
        }),
        ['KEY_NOT_ISSUERS'],
      ],
      [
        'another issuer',
        await variant((c) => (c.issuer.id = 'did:web:elsewhere.example'), true),
        ['ISSUER_UNKNOWN'],
      ],
      [
        'an unknown context',
        await variant((c) => c['@context'].push('https://example.org/unknown/v1')),
        ['UNKNOWN_CONTEXT'],
      ],
      [
        'a future validFrom (re-signed: only the window fails)',
        await variant((c) => (c.validFrom = '2999-01-01T00:00:00Z'), true),
        ['NOT_YET_VALID'],
      ],
      [
        'a past validUntil (re-signed)',
        await variant((c) => (c.validUntil = '2021-01-01T00:00:00Z'), true),
        ['EXPIRED'],
      ],
      ['a string', 'hello', ['MALFORMED']],
      ['an array', [credential], ['MALFORMED']],
      ['a number', 42, ['MALFORMED']],
      ['null', null, ['MALFORMED']],
      ['{}', {}, ['MALFORMED']],
      ['type not a list', { ...credential, type: 'VerifiableCredential' }, ['MALFORMED']],
    ];
    for (const [name, input, expected] of cases) {
      const r = await verify(stack, input);
      expect({ name, status: r.status, verified: r.json?.verified }).toEqual({
        name,
        status: 200,
        verified: false,
      });
      expect({ name, codes: [...new Set(codes(r))].sort() }).toEqual({
        name,
        codes: [...expected].sort(),
      });
    }
  });

  it('a body over the limit: 413 in both shapes (error code and the verify answer)', async () => {
    const big = JSON.stringify({
      verifiableCredential: { ...credential, padding: 'x'.repeat(2 * 1024 * 1024) },
    });
    const r = await post(stack, '/api/v1/credentials/verify', big);
    expect(r.status).toBe(413);
    expect(r.json).toMatchObject({
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      verified: false,
      errors: [{ code: 'TOO_LARGE' }],
    });
  });

  it('bad requests are 4xx naming the field, never 500', async () => {
    const missing = await post(stack, '/api/v1/credentials/verify', '{}');
    expect(missing.status).toBe(400);
    expect(missing.json.fields[0].field).toBe('verifiableCredential');
    const badOptions = await post(
      stack,
      '/api/v1/credentials/verify',
      JSON.stringify({ verifiableCredential: credential, options: 'x' }),
    );
    expect(badOptions.status).toBe(400);
    expect(badOptions.json.fields[0].field).toBe('options');
    for (const raw of ['"text"', '[]', '42', 'null', '{"a":']) {
      const r = await post(stack, '/api/v1/credentials/verify', raw);
      // Not an object: MALFORMED_JSON ([] parses, and then lacks the field).
      expect({ raw, status: r.status }).toEqual({ raw, status: 400 });
      expect(['MALFORMED_JSON', 'VALIDATION_FAILED']).toContain(r.json?.code);
    }
    const text = await post(stack, '/api/v1/credentials/verify', 'x', 'text/plain');
    expect(text.status).toBe(415);
  });

  it('VC-JWT: the credential as a JWT verifies; a tampered one does not', async () => {
    const res = await fetch(`${stack.url}/api/v1/credentials/${credentialId}`, {
      headers: { authorization: `Bearer ${stack.token}`, accept: 'application/vc+jwt' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/vc\+jwt/);
    const jwt = await res.text();
    const byQuery = await api.get(`/credentials/${credentialId}?format=jwt`);
    expect(byQuery.status).toBe(200);
    const [h, p] = jwt.split('.');
    const header = JSON.parse(Buffer.from(h!, 'base64url').toString());
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    expect(header).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: signingKey.id });
    expect(payload).toMatchObject({
      iss: credential.issuer.id,
      jti: credential.id,
      nbf: Math.floor(Date.parse(credential.validFrom) / 1000),
    });
    expect(payload.vc.proof).toBeUndefined();
    expect(payload.vc.credentialSubject).toEqual(credential.credentialSubject);

    const ok = await verify(stack, jwt);
    expect(ok.json).toMatchObject({ verified: true, errors: [] });
    expect(ok.json.checks).toContain('jwt');

    const changed = { ...payload, vc: { ...payload.vc, name: 'Forged' } };
    const tampered = `${h}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${jwt.split('.')[2]}`;
    expect(codes(await verify(stack, tampered))).toEqual(['PROOF_INVALID']);
    const otherKey = signVcJwt(credential, {
      id: signingKey.id,
      secretKeyMultibase: generateEd25519Multikey('did:example:x').secretKeyMultibase,
    });
    expect(codes(await verify(stack, otherKey))).toEqual(['PROOF_INVALID']);
    const noneAlg = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
    expect(codes(await verify(stack, noneAlg))).toContain('PROOF_INVALID');
    expect(codes(await verify(stack, 'a.b.c'))).toEqual(['MALFORMED']);
    const expired = signVcJwt({ ...credential, validUntil: '2021-01-01T00:00:00Z' }, signingKey);
    expect(codes(await verify(stack, expired))).toEqual(['EXPIRED']);

    const badFormat = await api.get(`/credentials/${credentialId}?format=xml`);
    expect(badFormat.status).toBe(400);
  });

  it('the page /verify/{id}: 200, Norwegian and English, escaped, no login', async () => {
    const nb = await fetch(`${stack.url}/verify/${credentialId}?lang=nb`);
    expect(nb.status).toBe(200);
    expect(nb.headers.get('content-type')).toMatch(/^text\/html/);
    expect(nb.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const nbHtml = await nb.text();
    expect(nbHtml).toContain('<html lang="nb">');
    expect(nbHtml).toContain('Verifisert');
    expect(nbHtml).toContain('Læringsutbytter oppnådd');
    expect(nbHtml).toContain('versjon 1');
    expect(nbHtml).toContain('Open Badges 3.0');
    expect(nbHtml).not.toContain('<script>');
    expect(nbHtml).toContain('Solsiden &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;');
    expect(nbHtml).not.toMatch(/Candidate verify-/);
    const en = await fetch(`${stack.url}/verify/${credentialId}`, {
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    const enHtml = await en.text();
    expect(enHtml).toContain('<html lang="en">');
    expect(enHtml).toContain('Verified');
    expect(enHtml).toContain('Learning outcomes met');
    expect(enHtml).toContain('href="/verify/' + credentialId + '?lang=nb"');

    for (const path of [
      '/verify/00000000-0000-4000-8000-000000000000',
      '/verify/not-an-id',
      `/verify/${'<script>'}`,
    ]) {
      const r = await fetch(`${stack.url}${path}?lang=en`);
      const html = await r.text();
      expect({ path, status: r.status }).toEqual({ path, status: 404 });
      expect(html).toContain('Credential not found');
      expect(html).toContain('Fant ikke beviset');
      expect(html).not.toContain('<script>');
    }
  });

  it('the form /verify: paste JSON, upload a file, paste a VC-JWT, escaped results', async () => {
    const form = await fetch(`${stack.url}/verify?lang=en`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('enctype="multipart/form-data"');

    const pasted = new FormData();
    pasted.set('lang', 'en');
    pasted.set('credential', JSON.stringify(credential));
    const r1 = await fetch(`${stack.url}/verify`, { method: 'POST', body: pasted });
    const html1 = await r1.text();
    expect(r1.status).toBe(200);
    expect(html1).toContain('Verified');

    const upload = new FormData();
    upload.set('lang', 'nb');
    const forged = await variant((c) => (c.name = '<script>alert(2)</script>'));
    upload.set('file', new Blob([JSON.stringify(forged)]), 'credential.json');
    const r2 = await fetch(`${stack.url}/verify`, { method: 'POST', body: upload });
    const html2 = await r2.text();
    expect(r2.status).toBe(200);
    expect(html2).toContain('Ikke verifisert');
    expect(html2).toContain('PROOF_INVALID');
    expect(html2).not.toContain('<script>');

    const jwt = signVcJwt(credential, signingKey);
    const urlencoded = await post(
      stack,
      '/verify',
      new URLSearchParams({ credential: jwt, lang: 'en' }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(urlencoded.status).toBe(200);
    expect(urlencoded.text).toContain('Verified');

    const empty = await post(stack, '/verify', 'credential=', 'application/x-www-form-urlencoded');
    expect(empty.status).toBe(400);
    const broken = await post(
      stack,
      '/verify',
      'credential=%7Bx',
      'application/x-www-form-urlencoded',
    );
    expect(broken.status).toBe(400);
    const huge = await post(
      stack,
      '/verify',
      `credential=${'x'.repeat(2 * 1024 * 1024)}`,
      'application/x-www-form-urlencoded',
    );
    expect(huge.status).toBe(413);
  });

  if (mode === 'distributed')
    it('revoked and suspended (read from certify’s database): STATUS_REVOKED, STATUS_SUSPENDED', async () => {
      const db = new Client({ connectionString: stack.databases.certify });
      await db.connect();
      try {
        await db.query(`UPDATE credential SET suspended_at = now() WHERE id = $1`, [credentialId]);
        expect(codes(await verify(stack, credential))).toEqual(['STATUS_SUSPENDED']);
        await db.query(`UPDATE credential SET revoked_at = now() WHERE id = $1`, [credentialId]);
        expect(codes(await verify(stack, credential)).sort()).toEqual([
          'STATUS_REVOKED',
          'STATUS_SUSPENDED',
        ]);
        const page = await (await fetch(`${stack.url}/verify/${credentialId}?lang=nb`)).text();
        expect(page).toContain('Trukket tilbake');
        expect(page).toContain('Ikke verifisert');
        const started = performance.now();
        await verify(stack, credential);
        report(`verify (distributed): ${(performance.now() - started).toFixed(0)} ms`);
      } finally {
        await db.query(
          `UPDATE credential SET revoked_at = NULL, suspended_at = NULL WHERE id = $1`,
          [credentialId],
        );
        await db.end();
      }
    });
});
