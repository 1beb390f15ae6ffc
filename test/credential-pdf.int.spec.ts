/**
 * A credential as a PDF/A-3B certificate and as a Europass (ELM 3.2) credential (issue 9, items 6
 * and 7), end to end in both modes: a case run to certified and one to partial; the PDF read back
 * with Poppler (pdftotext, pdfinfo, pdfdetach), its attachment byte for byte the credential the
 * API shows and verifying with the test issuer key; the ELM credential against EBSI's schema.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  multikeyFromPrivateKey,
  privateKeyFromMultibase,
  verifyCredential,
} from '@balanse/credentials';
import {
  both,
  driveCase,
  publishedStandard,
  REPO_ROOT,
  seededStandard,
  startStack,
  TEST_ISSUER_KEYS,
  type ApiClient,
  type Stack,
} from '@balanse/testing';

const NAME = 'Åse Ødegård Bækkelund';
const ISSUER = 'Opplæringskontoret for helse i Møre og Romsdal';
const UNKNOWN = '3b0c2f8e-5f1a-4c7e-9d7a-1e2f3a4b5c6d';
const report = (text: string) => writeSync(2, `${text}\n`);
const ESCO = 'http://data.europa.eu/esco/skill/c624c6a3-b0ba-4a31-a296-0d433fe47e41';

/** A standard of four outcomes at NKR 4, with an ESCO skill and the education that teaches them. */
const mappedStandard = (code: string) => ({
  code,
  title: { nb: 'Helsefagarbeider på sjukeheim', en: 'Health care worker in a nursing home' },
  owner: { name: 'Opplæringskontoret' },
  clusters: [
    {
      title: { nb: 'Omsorg og pleie', en: 'Care' },
      areas: [
        {
          title: both('Area'),
          outcomes: [1, 2, 3, 4].map((n) => ({
            statement: { nb: `Kan utføre stell ${n} på en trygg måte.`, en: `Can give care ${n} safely.` }, // prettier-ignore
            category: 'skills',
            nkrLevel: 4,
            ...(n === 1 ? { escoSkills: [ESCO] } : {}),
            education: [{ programme: 'HEA3X', course: `HEL10${n}`, credits: 7.5 }],
          })),
        },
      ],
    },
  ],
});

const dir = mkdtempSync(join(tmpdir(), 'credential-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const poppler = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8' });

/** The test issuer key's public half, as the did:web document would give it. */
const [, TEST_SECRET] = TEST_ISSUER_KEYS.split('=') as [string, string];
const resolveKey = (controller: string) => () => ({
  controller,
  publicKeyMultibase: multikeyFromPrivateKey(privateKeyFromMultibase(TEST_SECRET), controller)
    .publicKeyMultibase,
});

/** EBSI's JSON Schema for EDC credentials (ELM 3.2), the copy the ELM unit tests use. */
const edcSchema = JSON.parse(
  readFileSync(join(REPO_ROOT, 'libs/certify/src/elm/fixtures/europass-edc-schema.json'), 'utf8'),
);
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validateEdc = ajv.compile({ ...edcSchema, $schema: undefined });

interface Raw {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

async function raw(stack: Stack, path: string, tenant?: string): Promise<Raw> {
  const res = await fetch(`${stack.url}/api/v1${path}`, {
    headers: {
      authorization: `Bearer ${stack.token}`,
      ...(tenant ? { 'x-balanse-tenant': tenant } : {}),
    },
  });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const json = (r: Raw) => JSON.parse(r.bytes.toString('utf8'));
let fileNo = 0;
function save(pdf: Buffer): string {
  const path = join(dir, `certificate-${++fileNo}.pdf`);
  writeFileSync(path, pdf);
  return path;
}
const text = (path: string) =>
  poppler('pdftotext', ['-enc', 'UTF-8', path, '-']).replace(/\s+/g, ' ');

describe.each(['embedded', 'distributed'] as const)('credential PDF and ELM (%s)', (mode) => {
  let stack: Stack;
  let api: ApiClient;
  let standard: { id: string; outcomeIds: string[] };
  let standardView: any;
  const credentials: Record<'certified' | 'partial' | 'mapped', any> = {} as never;

  beforeAll(async () => {
    stack = await startStack({
      mode,
      // Embedded: certify signs with the test key, not one it creates in the data folder.
      ...(mode === 'embedded' ? { env: { BALANSE_ISSUER_KEYS: TEST_ISSUER_KEYS } } : {}),
    });
    api = stack.api;
    expect(
      (await api.put('/issuer-profile', { name: ISSUER, url: 'https://helse.example.no' })).status,
    ).toBe(200);
    standard = await seededStandard(api);
    standardView = (await api.get(`/standards/${standard.id}`)).body;
    for (const result of ['certified', 'partial'] as const) {
      const { caseId, final } = await driveCase(api, standard, {
        externalId: `pdf-${mode}-${result}`,
        candidateName: NAME,
        judge: (_, i) => (result === 'certified' || i < 5 ? 'met' : 'not_met'),
      });
      expect(final.result).toBe(result);
      const [listed] = (await api.get(`/cases/${caseId}/credentials`)).body.items;
      credentials[result] = listed;
    }
    // A partial result on a standard with NKR level, ESCO skills and education: a training plan.
    const mapped = await publishedStandard(api, mappedStandard(`pdf-mapped-${mode}`));
    const mappedIds = mapped.clusters[0].areas[0].outcomes.map((o: any) => o.id);
    const { caseId } = await driveCase(
      api,
      { id: mapped.id, outcomeIds: mappedIds },
      { externalId: `pdf-${mode}-mapped`, candidateName: NAME, judge: (_, i) => (i < 2 ? 'met' : 'not_met') }, // prettier-ignore
    );
    credentials.mapped = (await api.get(`/cases/${caseId}/credentials`)).body.items[0];
  }, 240_000);
  afterAll(() => stack?.stop(), 30_000);

  const outcomeTitles = () =>
    standardView.clusters.flatMap((c: any) =>
      c.areas.flatMap((a: any) => a.outcomes.map((o: any) => o.statement?.nb ?? o.title?.nb)),
    ) as string[];

  it.each(['certified', 'partial'] as const)(
    'the %s case: an A4 PDF/A-3 certificate with the name, the standard, the outcomes, the issuer',
    async (result) => {
      const credential = credentials[result];
      const started = performance.now();
      const res = await raw(stack, `/credentials/${credential.id}/pdf`);
      report(`${mode} ${result}: PDF ${res.bytes.length} bytes in ${Math.round(performance.now() - started)} ms`); // prettier-ignore
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="kompetansebevis-${credential.id}.pdf"`,
      );
      expect(res.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const path = save(res.bytes);

      const extracted = text(path);
      expect(extracted).toContain(NAME);
      expect(extracted).toContain(`${standardView.title.nb}, versjon / version 1`);
      expect(extracted).toContain(ISSUER);
      expect(extracted).toContain('Utstedt av / Issued by');
      expect(extracted).toContain(credential.issuedAt.slice(0, 10));
      expect(extracted).toContain(`/verify/${credential.id}`);
      const titles = outcomeTitles();
      expect(titles).toHaveLength(19);
      expect(extracted).toContain(titles[0]);
      expect(extracted).toContain(titles[18]);
      if (result === 'partial') {
        expect(extracted).toContain('Kompetansebevis (delvis)');
        expect(extracted).toContain('Læringsutbytte som gjenstår');
      } else {
        expect(extracted).not.toContain('Læringsutbytte som gjenstår');
      }

      const info = poppler('pdfinfo', [path]);
      expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
      const xmp = poppler('pdfinfo', ['-meta', path]);
      expect(xmp).toContain('<pdfaid:part>3</pdfaid:part>');
      expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');

      // The attachment: byte for byte the credential GET /credentials/{id} shows, and it verifies.
      const file = `credential-${credential.id}.json`;
      expect(poppler('pdfdetach', ['-list', path])).toContain(`1: ${file}`);
      const out = join(dir, `${fileNo}-${file}`);
      poppler('pdfdetach', ['-save', '1', '-o', out, path]);
      const attached = readFileSync(out);
      const shown = (await api.get(`/credentials/${credential.id}`)).body.credential;
      expect(attached.toString('utf8')).toBe(JSON.stringify(shown));
      const parsed = JSON.parse(attached.toString('utf8'));
      const verified = await verifyCredential(parsed, resolveKey(parsed.issuer.id));
      expect(verified).toEqual({ verified: true, problems: [] });
      // A changed byte no longer verifies.
      const tampered = { ...parsed, validFrom: '2001-01-01T00:00:00Z' };
      expect((await verifyCredential(tampered, resolveKey(parsed.issuer.id))).verified).toBe(false);
    },
    60_000,
  );

  it('a partial result on a standard with education: the training plan, its texts in English', async () => {
    const { id } = credentials.mapped;
    const nb = text(save((await raw(stack, `/credentials/${id}/pdf`)).bytes));
    expect(nb).toContain('Helsefagarbeider på sjukeheim, versjon / version 1');
    expect(nb).toContain('Omsorg og pleie');
    expect(nb).toContain('Kan utføre stell 1 på en trygg måte.');
    expect(nb).toContain('Opplæringsplan / Training plan');
    expect(nb).toContain('1. HEA3X HEL103');
    expect(nb).toContain('2. HEA3X HEL104');
    const en = text(save((await raw(stack, `/credentials/${id}/pdf?lang=en`)).bytes));
    expect(en).toContain('Health care worker in a nursing home, version 1');
    expect(en).toContain('Can give care 3 safely.');
    expect(en).toContain('Training plan');

    const elm = json(await raw(stack, `/credentials/${id}/elm`));
    expect(validateEdc(elm) ? [] : validateEdc.errors).toEqual([]);
    const spec = elm.credentialSubject.hasClaim[0].specifiedBy;
    expect(spec.learningOutcome).toHaveLength(2);
    expect(spec.learningOutcome[0].relatedESCOSkill[0].id).toBe(ESCO);
    const whole = spec.isPartOf[0];
    expect(whole.type).toBe('Qualification');
    expect(whole.eqfLevel.id).toBe('http://data.europa.eu/snb/eqf/4');
    expect(whole.creditPoint[0].point).toBe('30');
    expect(JSON.stringify(elm.credentialSubject.hasClaim[0].additionalNote)).toContain('HEL103');
  });

  it('labels in English only with ?lang=en', async () => {
    const { id } = credentials.partial;
    const res = await raw(stack, `/credentials/${id}/pdf?lang=en`);
    expect(res.status).toBe(200);
    const extracted = text(save(res.bytes));
    expect(extracted).toContain('Certificate of partial competence');
    expect(extracted).toContain('Learning outcomes still to reach');
    expect(extracted).not.toContain('Utstedt av');
    expect(extracted).toContain(NAME);
  });

  it('another tenant, an unknown id: 404; a bad id or lang: 400 naming the field', async () => {
    const { id } = credentials.certified;
    for (const suffix of ['pdf', 'elm']) {
      const other = await raw(stack, `/credentials/${id}/${suffix}`, 'pdf-other-tenant');
      expect([other.status, json(other).code]).toEqual([404, 'CREDENTIAL_NOT_FOUND']);
      const unknown = await raw(stack, `/credentials/${UNKNOWN}/${suffix}`);
      expect([unknown.status, json(unknown).code]).toEqual([404, 'CREDENTIAL_NOT_FOUND']);
      const bad = await raw(stack, `/credentials/not-a-uuid/${suffix}`);
      expect(bad.status).toBe(400);
      expect(json(bad)).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'id' }] });
    }
    const lang = await raw(stack, `/credentials/${id}/pdf?lang=de`);
    expect(lang.status).toBe(400);
    expect(lang.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json(lang)).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'lang' }] });
  });

  it.each(['certified', 'partial'] as const)(
    'the %s case as an ELM 3.2 credential that validates against the EDC schema, no name in it',
    async (result) => {
      const credential = credentials[result];
      const res = await raw(stack, `/credentials/${credential.id}/elm`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
      const elm = json(res);
      const valid = validateEdc(elm);
      expect(valid ? [] : validateEdc.errors).toEqual([]);
      expect(elm.id).toBe(`urn:uuid:${credential.id}`);
      expect(elm.credentialSubject.id).toMatch(/^urn:balanse:recipient:sha256:[0-9a-f]{64}$/);
      // The same recipient hash as the Open Badges credential's.
      const hashed = credential.credential.credentialSubject.identifier[0].identityHash;
      expect(hashed).toBe(`sha256$${elm.credentialSubject.id.split(':').pop()}`);
      const [claim] = elm.credentialSubject.hasClaim;
      expect(claim.awardedBy.awardingBody[0].legalName).toEqual({ nb: ISSUER });
      const spec = claim.specifiedBy;
      expect(spec.learningOutcome).toHaveLength(result === 'certified' ? 19 : 5);
      expect(res.bytes.toString('utf8')).not.toContain(NAME);
      expect(res.bytes.toString('utf8')).not.toContain('Ødegård');
    },
  );
});
