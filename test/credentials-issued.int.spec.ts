import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { parseIssuerKeys } from '@balanse/certify';
import { identityHash, verifyCredential } from '@balanse/credentials';
import {
  allPages,
  driveCase,
  publishedStandard,
  REPO_ROOT,
  seededStandard,
  smallStandard,
  startStack,
  TEST_ISSUER_KEYS,
  type Stack,
} from '@balanse/testing';

const validateSchema = (() => {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  const file = join(REPO_ROOT, 'libs/credentials/src/test/achievementcredential.schema.json');
  return ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
})();

/** Verifies with our verifier, the keys given as BALANSE_ISSUER_KEYS lists them. */
async function verifyWith(keysConfig: string, document: any) {
  const did: string = document.issuer.id;
  const { keys } = parseIssuerKeys(keysConfig, 'test');
  return verifyCredential(document, (method) => {
    const key = keys.find((k) => `${did}#${k.id}` === method);
    return key ? { publicKeyMultibase: key.publicKeyMultibase, controller: did } : undefined;
  });
}

async function credentialOf(stack: Stack, caseId: string): Promise<any> {
  const [credential] = await allPages(stack.api, `/cases/${caseId}/credentials`);
  return credential;
}

describe('signed credentials at issue time (embedded)', () => {
  let stack: Stack;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'balanse-issued-'));
    stack = await startStack({ mode: 'embedded', dataDir });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('creates an issuer key in the data folder at the first start, and says so', async () => {
    const kept = await readFile(join(dataDir, 'issuer-keys'), 'utf8');
    expect(parseIssuerKeys(kept, 'file').keys).toHaveLength(1);
    expect(stack.logs()).toMatch(/created .*issuer-keys with issuer key key-[\w-]+ \(z6Mk\w+\)/);
    expect(stack.logs()).not.toContain(kept.split('=')[1]!.trim());
  });

  it('signs a certified case’s credential with that key; the official schema accepts it; the recipient is a salted hash of the e-mail', async () => {
    const standard = await seededStandard(stack.api);
    const { caseId } = await driveCase(stack.api, standard, {
      externalId: 'issued-1',
      email: 'Kari.Nordmann@Example.no',
    });
    const credential = await credentialOf(stack, caseId);
    const document = credential.credential;
    expect(validateSchema(document)).toBe(true);
    const port = new URL(stack.url).port;
    expect(document.issuer).toMatchObject({ id: `did:web:localhost%3A${port}`, name: 'Balanse' });
    const keysFile = await readFile(join(dataDir, 'issuer-keys'), 'utf8');
    expect(await verifyWith(keysFile, document)).toEqual({ verified: true, problems: [] });

    const [identifier] = document.credentialSubject.identifier;
    expect(identifier).toMatchObject({
      type: 'IdentityObject',
      hashed: true,
      identityType: 'emailAddress',
    });
    expect(identifier.identityHash).toBe(identityHash('kari.nordmann@example.no', identifier.salt));
    const text = JSON.stringify(credential).toLowerCase();
    expect(text).not.toContain('kari');
    expect(text).not.toContain('candidate issued-1');

    // The evidence the assessment rested on: its id and digest, none of its content.
    const [evidence] = await allPages(stack.api, `/cases/${caseId}/evidence`);
    expect(document.evidence).toEqual([
      {
        id: `urn:uuid:${evidence.id}`,
        type: ['Evidence'],
        digestSRI: expect.stringMatching(/^sha256-[A-Za-z0-9+/]{43}=$/),
      },
    ]);
    expect(text).not.toContain('solsiden');
    expect(document.credentialSubject.achievement.alignment.length).toBeGreaterThanOrEqual(19);
    expect(document.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListCredential: expect.stringMatching(
        new RegExp(`^http://localhost:${port}/api/v1/status-lists/1/revocation$`),
      ),
    });
    // Each outcome's alignment opens without a token: the outcome as the standard has it.
    const [aligned] = document.credentialSubject.achievement.alignment;
    const outcomeUrl = new URL(aligned.targetUrl);
    expect(outcomeUrl.pathname).toMatch(
      new RegExp(`^/api/v1/outcomes/${standard.id}/\\d+/[0-9a-f-]{36}$`),
    );
    const opened = await fetch(`${stack.url}${outcomeUrl.pathname}`);
    expect(opened.status).toBe(200);
    expect(opened.headers.get('cache-control')).toBe('public, max-age=3600');
    const shown: any = await opened.json();
    expect(shown.outcome).toMatchObject({
      code: aligned.targetCode,
      statement: { nb: aligned.targetName, en: expect.any(String) },
      cluster: { id: expect.any(String), title: expect.any(Object) },
    });
    expect(shown.standard).toMatchObject({
      id: standard.id,
      version: document.credentialSubject.achievement.version,
    });
    const unknown = outcomeUrl.pathname.replace(
      /[0-9a-f-]{36}$/,
      '3b0c2f8e-5f1a-4c7e-9d7a-1e2f3a4b5c6d',
    );
    const missing = await fetch(`${stack.url}${unknown}`);
    // Not cached: the version may yet be announced with it.
    expect(missing.headers.get('cache-control') ?? '').not.toContain('max-age=3600');
    expect({ status: missing.status, code: ((await missing.json()) as any).code }).toEqual({
      status: 404,
      code: 'OUTCOME_NOT_FOUND',
    });
    const malformed = await fetch(
      `${stack.url}${outcomeUrl.pathname.replace(/[0-9a-f-]{36}$/, 'x')}`,
    );
    const refused: any = await malformed.json();
    expect({
      status: malformed.status,
      code: refused.code,
      fields: refused.fields.map((f: any) => f.field),
    }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: ['outcomeId'],
    });
    // A tampered outcome no longer verifies.
    const tampered = structuredClone(document);
    tampered.credentialSubject.result[0].status = 'InProgress';
    expect((await verifyWith(keysFile, tampered)).verified).toBe(false);
  });

  it('gives each credential its own random status index', async () => {
    const standard = await seededStandard(stack.api);
    const cases = await Promise.all(
      [2, 3, 4].map((n) => driveCase(stack.api, standard, { externalId: `issued-${n}` })),
    );
    const indexes = await Promise.all(
      cases.map(async ({ caseId }) =>
        Number((await credentialOf(stack, caseId)).credential.credentialStatus.statusListIndex),
      ),
    );
    expect(new Set(indexes).size).toBe(3);
  });
});

describe('signed credentials at issue time (distributed): a standard announced in parts', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ mode: 'distributed' });
  }, 180_000);
  afterAll(() => stack?.stop(), 60_000);

  it('a 1,200-outcome standard reaches certify in parts; the partial credential shows the outcomes assessed', async () => {
    const body = smallStandard('issued-big', 1200);
    // Long statements, so that its content passes one part's 256 KB.
    for (const o of body.clusters[0]!.areas[0]!.outcomes)
      o.statement = { nb: `${o.statement.nb} ${'ø'.repeat(180)}`, en: o.statement.en };
    const published = await publishedStandard(stack.api, body);
    const outcomeIds: string[] = published.clusters[0].areas[0].outcomes.map((o: any) => o.id);
    const scope = outcomeIds.slice(0, 3);
    const { caseId, final } = await driveCase(
      stack.api,
      { id: published.id, outcomeIds: scope },
      { externalId: 'issued-big-1', judge: (_id, i) => (i === 0 ? 'met' : 'not_met') },
    );
    expect(final.result).toBe('partial');
    const document = (await credentialOf(stack, caseId)).credential;
    expect(validateSchema(document)).toBe(true);
    expect(await verifyWith(TEST_ISSUER_KEYS, document)).toEqual({ verified: true, problems: [] });
    const results = document.credentialSubject.result;
    expect(results.map((r: any) => r.resultDescription)).toEqual(
      scope.map((id) => `urn:uuid:${id}`),
    );
    expect(results.map((r: any) => r.status)).toEqual(['Completed', 'InProgress', 'InProgress']);

    const db = new Client({ connectionString: stack.databases.certify });
    await db.connect();
    try {
      const parts = await db.query(
        `SELECT part, parts FROM standard_part WHERE standard_id = $1 ORDER BY part`,
        [published.id],
      );
      expect(parts.rows.length).toBeGreaterThan(1);
      expect(parts.rows.every((r) => r.parts === parts.rows.length)).toBe(true);
    } finally {
      await db.end();
    }
    // An outcome of the last part, at its public URL (no token): the parts read as one version.
    const last = outcomeIds[outcomeIds.length - 1]!;
    const opened = await fetch(
      `${stack.url}/api/v1/outcomes/${published.id}/${document.credentialSubject.achievement.version}/${last}`,
    );
    expect(opened.status).toBe(200);
    expect(((await opened.json()) as any).outcome.id).toBe(last);
  });
});
