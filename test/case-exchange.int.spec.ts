/**
 * CASE 1.1 exchange wired onto versioned standards (issue 8): a standard exports as a CFPackage
 * valid against both official schemas, a CFPackage imports as a new draft (streamed, with its
 * warnings), what cannot be read is refused with nothing stored, and the read-only REST binding
 * serves published standards. Distributed mode: real NATS and PostgreSQL.
 */
import { writeSync } from 'node:fs';
import { MAX_OUTCOMES_PER_STANDARD } from '@balanse/contracts';
import { seededStandard, startStack, type ApiClient, type Stack } from '@balanse/testing';
import {
  actMathFixture as act,
  caseSchemaErrors,
  openapiResponseValidator,
  openSaltFixture as opensalt,
  testPackage,
} from '@balanse/case-exchange/testing';

type Pkg = { CFDocument: any; CFItems: any[]; CFAssociations: any[] };

/**
 * What a package says of its framework, whatever the identifiers and the order of its lists:
 * each item's statement, code and type, and the tree as (child, parent, place) by statement.
 */
function framework(pkg: Pkg) {
  const name = new Map<string, string>(
    pkg.CFItems.map((i: any) => [i.identifier, `${i.humanCodingScheme ?? ''} ${i.fullStatement}`]),
  );
  name.set(pkg.CFDocument.identifier, '(document)');
  const children = pkg.CFAssociations.filter((a: any) => a.associationType === 'isChildOf');
  const order = (rows: unknown[][]) => rows.map((p) => JSON.stringify(p)).sort();
  return {
    items: order(pkg.CFItems.map((i: any) => [i.fullStatement, i.humanCodingScheme, i.CFItemType])),
    tree: order(
      children.map((a: any) => [
        name.get(a.originNodeURI.identifier ?? a.originNodeURI),
        name.get(a.destinationNodeURI.identifier ?? a.destinationNodeURI),
      ]),
    ),
  };
}

/** What a package says, without its identifiers: statements, codes, types and the tree. */
function content(pkg: Pkg) {
  const index = new Map<string, string>(
    pkg.CFItems.map((i: any) => [i.identifier, i.humanCodingScheme ?? i.fullStatement]),
  );
  index.set(pkg.CFDocument.identifier, '(document)');
  return {
    title: pkg.CFDocument.title,
    items: pkg.CFItems.map((i: any) => ({
      statement: i.fullStatement,
      code: i.humanCodingScheme,
      type: i.CFItemType,
      level: i.educationLevel,
      other: i.extensions,
    })),
    tree: pkg.CFAssociations.filter((a: any) => a.associationType === 'isChildOf').map((a: any) => [
      index.get(a.originNodeURI.identifier),
      index.get(a.destinationNodeURI.identifier),
      a.sequenceNumber,
    ]),
  };
}

describe('CASE 1.1 exchange (distributed)', () => {
  let stack: Stack;
  let api: ApiClient;
  let other: ApiClient;
  let seededId: string;

  /** A call outside /api/v1 (the REST binding), with the token and tenant of `client`. */
  const binding = (client: ApiClient, path: string) =>
    client.send('GET', `/../../ims/case/v1p1${path}`);
  const importCase = (client: ApiClient, body: unknown, query = '', headers = {}) =>
    client.send('POST', `/standards/import/case${query}`, body, headers);
  const standardCount = async (client: ApiClient) =>
    (await client.get('/standards?limit=100')).body.items.length;

  beforeAll(async () => {
    stack = await startStack({ mode: 'distributed' });
    api = stack.api.withTenant('casewire');
    other = stack.api.withTenant('casewire-other');
    seededId = (await seededStandard(api)).id;
  }, 120_000);
  afterAll(() => stack?.stop());

  it('exports the seeded standard valid against both schemas; importing it and exporting again gives the same statements, codes, types and tree', async () => {
    const exported = await api.get(`/standards/${seededId}/case`);
    expect(exported.status).toBe(200);
    expect(caseSchemaErrors(exported.body)).toEqual([]);
    expect(exported.body.CFItems).toHaveLength(3 + 14 + 19);
    expect(exported.body.CFDocument.uri).toBe(
      `${stack.api.baseUrl}/ims/case/v1p1/CFDocuments/${seededId}`,
    );

    const imported = await importCase(api, exported.body, '?code=roundtrip');
    expect(imported.status).toBe(201);
    expect(imported.body.standard).toMatchObject({ code: 'roundtrip', version: 1, status: 'draft' }); // prettier-ignore
    expect(imported.body.warnings).toEqual([]);
    const again = await api.get(`/standards/${imported.body.standard.id}/case?version=1`);
    expect(again.status).toBe(200);
    expect(caseSchemaErrors(again.body)).toEqual([]);
    expect(content(again.body)).toEqual(content(exported.body));
  }, 60_000);

  it('imports both public frameworks with their tree, and exports each with the same statements, codes, item types and tree', async () => {
    for (const pkg of [opensalt, act]) {
      const r = await importCase(api, pkg);
      expect({ status: r.status, body: r.status === 201 ? undefined : r.body }).toEqual({ status: 201 }); // prettier-ignore
      expect(r.body.standard.status).toBe('draft');
      for (const w of r.body.warnings) expect(Object.keys(w).sort()).toEqual(['code', 'message', 'path']); // prettier-ignore
      expect(r.body.warnings.map((w: any) => w.code)).not.toContain('LEVEL_FLATTENED');
      const exported = await api.get(`/standards/${r.body.standard.id}/case`);
      expect(caseSchemaErrors(exported.body)).toEqual([]);
      expect(framework(exported.body)).toEqual(framework(pkg as Pkg));
    }
    expect((await api.get('/standards?limit=100')).body.items.map((s: any) => s.code)).toEqual(
      expect.arrayContaining(['act-holistic-framework-math']),
    );
  }, 60_000);

  it('keeps a framework eight levels deep, its item types, area codes and kept fields, and exports the same tree', async () => {
    const types = ['Domain', 'Strand', 'Topic', 'Subtopic', 'Theme', 'Group', 'Set'];
    const items = types.map((type, i) => ({
      name: `l${i}`,
      ...(i > 0 ? { parent: `l${i - 1}` } : {}),
      CFItemType: type,
      humanCodingScheme: `L${i}`,
      abbreviatedStatement: `level ${i}`,
    }));
    items.push({ name: 'leaf', parent: 'l6', CFItemType: 'Standard', humanCodingScheme: 'L7.1' } as any); // prettier-ignore
    items.push({ name: 'side', parent: 'l3', CFItemType: 'Standard' } as any);
    const pkg = testPackage(items);
    const r = await importCase(api, pkg, '?code=eight-levels');
    expect(r.status).toBe(201);
    // cluster → six levels of areas → the outcome
    let area = r.body.standard.clusters[0].areas[0];
    for (let level = 2; level < 7; level++) {
      expect(area).toMatchObject({ code: `L${level - 1}`, extensions: { case: { CFItemType: types[level - 1], abbreviatedStatement: `level ${level - 1}` } } }); // prettier-ignore
      area = area.areas[0];
    }
    expect(area.outcomes[0]).toMatchObject({ code: 'L7.1', statement: { nb: 'statement leaf' } });
    const exported = await api.get(`/standards/${r.body.standard.id}/case`);
    expect(caseSchemaErrors(exported.body)).toEqual([]);
    expect(framework(exported.body)).toEqual(framework(pkg as Pkg));
    const level3 = exported.body.CFItems.find((i: any) => i.humanCodingScheme === 'L3');
    expect(level3).toMatchObject({ CFItemType: 'Subtopic', abbreviatedStatement: 'level 3' });
    // The outcome that came without a code is exported without one.
    const side = exported.body.CFItems.find((i: any) => i.fullStatement === 'statement side');
    expect(side.humanCodingScheme).toBeUndefined();
  }, 30_000);

  it('answers the same standard to a retry with the same Idempotency-Key, and refuses the key with another package', async () => {
    const headers = { 'idempotency-key': 'case-import-1' };
    const first = await importCase(api, act, '?code=act-idem', headers);
    const retry = await importCase(api, act, '?code=act-idem', headers);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body.standard.id).toBe(first.body.standard.id);
    const otherPkg = await importCase(api, opensalt, '?code=act-idem', headers);
    expect([otherPkg.status, otherPkg.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
  }, 30_000);

  it('refuses malformed and empty packages with the path or code, storing nothing', async () => {
    const before = await standardCount(api);
    const broken = await importCase(api, '{"CFDocument": {"identifier": ');
    expect([broken.status, broken.body.code]).toEqual([400, 'MALFORMED_JSON']);
    const noStatement = structuredClone(act) as any;
    delete noStatement.CFItems[3].fullStatement;
    const invalid = await importCase(api, noStatement);
    expect([invalid.status, invalid.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(invalid.body.fields.map((f: any) => f.field)).toContain('CFItems.3.fullStatement');
    const empty = await importCase(api, { ...act, CFItems: [], CFAssociations: [] });
    expect([empty.status, empty.body.code]).toEqual([422, 'CASE_FRAMEWORK_EMPTY']);
    const text = await api.send('POST', '/standards/import/case', 'x', { 'content-type': 'text/plain' }); // prettier-ignore
    expect([text.status, text.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const taken = await importCase(api, act, '?code=roundtrip');
    expect([taken.status, taken.body.code]).toEqual([409, 'STANDARD_CODE_TAKEN']);
    expect(await standardCount(api)).toBe(before);
  }, 30_000);

  it('uses the other language where one is missing, with a warning; refuses a framework beyond the standard’s bounds', async () => {
    const items = [
      { name: 'c', CFItemType: 'Cluster' },
      { name: 'a', parent: 'c', CFItemType: 'Competence area' },
      { name: 'o', parent: 'a', CFItemType: 'Skills', humanCodingScheme: 'O-1', educationLevel: ['NKR-4'] }, // prettier-ignore
    ];
    const bokmål = await importCase(api, testPackage(items), '?code=bokmal-only');
    expect(bokmål.status).toBe(201);
    const outcome = bokmål.body.standard.clusters[0].areas[0].outcomes[0];
    expect(outcome).toMatchObject({
      code: 'O-1',
      category: 'skills',
      nkrLevel: 4,
      statement: { nb: 'statement o', en: 'statement o' },
    });
    expect(bokmål.body.warnings).toContainEqual(
      expect.objectContaining({ code: 'LANGUAGE_MISSING', path: 'O-1' }),
    );

    const before = await standardCount(api);
    // Over 13 areas, as no area holds more than 2,000 outcomes.
    const areas = Array.from({ length: 13 }, (_, a) => ({ name: `a${a}`, parent: 'c', CFItemType: 'Competence area' })); // prettier-ignore
    const many = Array.from({ length: MAX_OUTCOMES_PER_STANDARD + 1 }, (_, i) => ({ name: `o${i}`, parent: `a${i % 13}`, CFItemType: 'Knowledge' })); // prettier-ignore
    const large = await importCase(api, testPackage([items[0]!, ...areas, ...many]), '?code=too-large'); // prettier-ignore
    expect([large.status, large.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(large.body.fields).toContainEqual({
      field: 'clusters',
      message: `a standard holds at most ${MAX_OUTCOMES_PER_STANDARD} learning outcomes in all`,
    });
    expect(await standardCount(api)).toBe(before);
  }, 60_000);

  it('imports a 20 MB framework (streamed, sent to identify in chunks) and exports it whole, with the same statements, codes, types and tree', async () => {
    const statement = 'Kan planlegge, gjennomføre og vurdere arbeidet i tråd med gjeldende regelverk. '.repeat(24); // prettier-ignore
    const items = [
      { name: 'c', CFItemType: 'Cluster' },
      ...Array.from({ length: 60 }, (_, a) => ({ name: `a${a}`, parent: 'c', CFItemType: 'Domain', humanCodingScheme: `D${a}` })), // prettier-ignore
      ...Array.from({ length: 9000 }, (_, i) => ({ name: `o${i}`, parent: `a${i % 60}`, CFItemType: 'Skills', humanCodingScheme: `D${i % 60}.${i}`, fullStatement: `${i} ${statement}` })), // prettier-ignore
    ];
    const pkg = testPackage(items);
    const body = JSON.stringify(pkg);
    expect(body.length).toBeGreaterThan(20 * 1024 * 1024);
    const started = Date.now();
    const r = await importCase(api, body, '?code=twenty-mb');
    expect({ status: r.status, body: r.status === 201 ? undefined : r.body }).toEqual({
      status: 201,
    });
    const imported = Date.now() - started;
    const exported = await api.get(`/standards/${r.body.standard.id}/case`);
    expect(exported.status).toBe(200);
    expect(Buffer.byteLength(JSON.stringify(exported.body))).toBeGreaterThan(20 * 1024 * 1024);
    expect(framework(exported.body)).toEqual(framework(pkg as Pkg));
    const read = await api.get(`/standards/${r.body.standard.id}`);
    expect([read.status, read.body.outcomeCount]).toEqual([200, 9000]);
    writeSync(2, `20 MB framework: import ${imported} ms, export ${Date.now() - started - imported} ms\n`); // prettier-ignore
  }, 180_000);

  it('serves published standards through the CASE REST binding, the tenant’s own and the shared ones', async () => {
    const created = await importCase(api, opensalt, '?code=binding');
    const id = created.body.standard.id;
    // A draft is not served.
    expect((await binding(api, `/CFPackages/${id}`)).status).toBe(404);
    expect((await api.post(`/standards/${id}/versions/1/publish`)).status).toBe(200);

    const documents = await binding(api, '/CFDocuments');
    expect(documents.status).toBe(200);
    const ids = documents.body.CFDocuments.map((d: any) => d.identifier);
    expect(ids).toEqual(expect.arrayContaining([id, seededId]));
    const valid = (path: string, body: unknown) => {
      const validate = openapiResponseValidator(path);
      expect(validate(body) ? [] : validate.errors).toEqual([]);
    };
    valid('/CFDocuments', documents.body);

    const document = await binding(api, `/CFDocuments/${id}`);
    expect(document.status).toBe(200);
    valid('/CFDocuments/{sourcedId}', document.body);
    const pkg = await binding(api, `/CFPackages/${id}`);
    valid('/CFPackages/{sourcedId}', pkg.body);
    const item = await binding(api, `/CFItems/${pkg.body.CFItems[2].identifier}`);
    expect(item.status).toBe(200);
    expect(item.body.CFDocumentURI.identifier).toBe(id);
    valid('/CFItems/{sourcedId}', item.body);
    const association = await binding(api, `/CFAssociations/${pkg.body.CFAssociations[1].identifier}`); // prettier-ignore
    expect(association.status).toBe(200);
    valid('/CFAssociations/{sourcedId}', association.body);

    // Another tenant sees the shared standard, not this tenant's.
    expect((await binding(other, `/CFPackages/${seededId}`)).status).toBe(200);
    const hidden = await binding(other, `/CFDocuments/${id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toMatchObject({
      code: 'CASE_OBJECT_NOT_FOUND',
      imsx_codeMajor: 'failure',
      imsx_severity: 'error',
    });
    expect((await binding(other, `/CFItems/${pkg.body.CFItems[2].identifier}`)).status).toBe(404);
    // The binding needs the token like the rest of the API.
    const anonymous = await fetch(`${stack.api.baseUrl}/ims/case/v1p1/CFDocuments`);
    expect(anonymous.status).toBe(401);
  }, 60_000);
});
