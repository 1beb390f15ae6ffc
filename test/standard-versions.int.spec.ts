/**
 * Versioned standards (issue 8): version 1 is created as a draft, a draft changes until it is
 * published, a new draft starts from the published version and supersedes it when published.
 * A case pins the published version it was opened on and keeps it; a draft cannot be pinned.
 * Every refusal is answered with its code and the path of the bad field. Distributed mode:
 * the events cross real NATS JetStream, the rows are in PostgreSQL.
 */
import {
  both,
  driveCase,
  publishedStandard,
  seededStandard,
  smallStandard,
  startStack,
  type ApiClient,
  type ApiResponse,
  type Stack,
} from '@balanse/testing';

const outcomeIds = (standard: any): string[] =>
  standard.clusters.flatMap((c: any) =>
    c.areas.flatMap((a: any) => a.outcomes.map((o: any) => o.id)),
  );
const refusal = (r: ApiResponse) => ({
  status: r.status,
  code: r.body?.code,
  fields: r.body?.fields,
});

describe('versioned standards (distributed)', () => {
  let stack: Stack;
  let api: ApiClient;

  beforeAll(async () => {
    stack = await startStack({ mode: 'distributed' });
    api = stack.api.withTenant('versions');
  }, 120_000);
  afterAll(() => stack?.stop());

  it('seeds the department-leader standard published as version 1, in bokmål and English', async () => {
    const { id } = await seededStandard(api);
    const seeded = (await api.get(`/standards/${id}`)).body;
    expect(seeded).toMatchObject({
      code: 'avdelingsleder-helse-omsorg',
      version: 1,
      status: 'published',
      shared: true,
      owner: { name: 'Virke' },
      title: { nb: 'Avdelingsleder i helse- og omsorgstjenestene' },
    });
    expect(seeded.clusters.map((c: any) => c.title)).toEqual([
      { nb: 'Fleksibilitet og rutiner', en: 'Flexibility and routines' },
      { nb: 'Mennesker og teknologi', en: 'People and technology' },
      { nb: 'Tempo og tilstedeværelse', en: 'Tempo and presence' },
    ]);
    expect(seeded.clusters.flatMap((c: any) => c.areas)).toHaveLength(14);
    expect(outcomeIds(seeded)).toHaveLength(19);
    expect(seeded.clusters[0].areas[0].outcomes[0].statement.nb).toMatch(/^Forstår sammenhenger/);
    // Shared standards are read-only to tenants.
    expect((await api.post(`/standards/${id}/versions`)).status).toBe(404);
    expect((await api.post(`/standards/${id}/versions/1/publish`)).status).toBe(404);
  }, 30_000);

  it('creates version 1 as a draft with every outcome attribute; PATCH changes it, publishing freezes it', async () => {
    const body = smallStandard('attrs', 2);
    Object.assign(body.clusters[0]!.areas[0]!.outcomes[0]!, {
      code: 'A-1',
      mandatory: true,
      nkrLevel: 4,
      escoSkills: ['http://data.europa.eu/esco/skill/0a0e1f5a-58b3-4a2c-9b5e-1d9b2f0f8c4e'],
      education: [
        {
          programme: 'HELSEFAG',
          course: 'HEA101',
          credits: 7.5,
          curriculumAim: 'Kan planlegge turnus',
        },
      ],
    });
    const created = await api.post('/standards', { ...body, description: both('About it') });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ version: 1, status: 'draft', publishedAt: null });
    expect(created.body.clusters[0].areas[0].outcomes[0]).toMatchObject({
      code: 'A-1',
      mandatory: true,
      nkrLevel: 4,
      eqfLevel: 4,
      escoSkills: ['http://data.europa.eu/esco/skill/0a0e1f5a-58b3-4a2c-9b5e-1d9b2f0f8c4e'],
      education: [
        {
          programme: 'HELSEFAG',
          course: 'HEA101',
          credits: 7.5,
          curriculumAim: 'Kan planlegge turnus',
        },
      ],
    });
    expect(created.body.clusters[0].areas[0].outcomes[1]).toMatchObject({
      code: 'C1-A1-2',
      mandatory: false,
      nkrLevel: null,
      eqfLevel: null,
    });

    // A draft cannot be pinned by a case, by default or by number.
    const open = (standardVersion?: number) =>
      api.post('/cases', {
        standardId: id,
        candidate: { externalId: 'HR-draft', name: 'Kari Nordmann' },
        ...(standardVersion ? { standardVersion } : {}),
      });
    for (const res of [await open(), await open(1)])
      expect(refusal(res)).toEqual({
        status: 409,
        code: 'STANDARD_VERSION_DRAFT',
        fields: [{ field: 'standardVersion', message: 'must be a published version' }],
      });

    // PATCH replaces what it names; ids given keep their elements.
    const [cluster] = created.body.clusters;
    const patched = await api.patch(`/standards/${id}/versions/1`, {
      title: both('Renamed'),
      clusters: [
        {
          id: cluster.id,
          title: both('Cluster'),
          areas: [
            {
              id: cluster.areas[0].id,
              title: both('Area'),
              outcomes: [
                {
                  id: cluster.areas[0].outcomes[0].id,
                  code: 'A-1',
                  statement: both('Kept.'),
                  category: 'knowledge',
                },
                { statement: both('New.'), category: 'skills' },
              ],
            },
          ],
        },
      ],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.title).toEqual(both('Renamed'));
    expect(patched.body.owner).toEqual({ name: 'Test employer' });
    const [kept, added] = patched.body.clusters[0].areas[0].outcomes;
    expect(kept).toMatchObject({ id: cluster.areas[0].outcomes[0].id, statement: both('Kept.') });
    expect(added.id).not.toBe(cluster.areas[0].outcomes[1].id);

    const published = await api.post(`/standards/${id}/versions/1/publish`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ version: 1, status: 'published' });
    expect(published.body.publishedAt).toEqual(expect.any(String));

    expect(
      refusal(await api.patch(`/standards/${id}/versions/1`, { title: both('Again') })),
    ).toEqual({
      status: 409,
      code: 'STANDARD_VERSION_PUBLISHED',
      fields: undefined,
    });
    expect((await api.post(`/standards/${id}/versions/1/publish`)).body.code).toBe(
      'STANDARD_VERSION_PUBLISHED',
    );
    expect((await api.patch(`/standards/${id}/versions/9`, { title: both('x') })).body.code).toBe(
      'STANDARD_VERSION_NOT_FOUND',
    );
    expect((await api.get(`/standards/${id}?version=9`)).status).toBe(404);
    expect(refusal(await api.get(`/standards/${id}/versions/abc`))).toMatchObject({ status: 404 });
    expect(refusal(await api.patch(`/standards/${id}/versions/0`, { title: both('x') }))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'version', message: 'must be a version number, an integer from 1' }],
    });
  }, 30_000);

  it('refuses duplicate outcome codes, empty clusters and areas, NKR levels outside 1-8 and unknown ids, each by its path', async () => {
    const body = smallStandard('rules', 2);
    const outcomes = body.clusters[0]!.areas[0]!.outcomes as any[];
    outcomes[0].code = 'X-1';
    outcomes[1].code = 'X-1';
    expect(refusal(await api.post('/standards', body))).toEqual({
      status: 422,
      code: 'DUPLICATE_OUTCOME_CODE',
      fields: [
        {
          field: 'clusters.0.areas.0.outcomes.1.code',
          message: 'X-1 is used by clusters.0.areas.0.outcomes.0',
        },
      ],
    });
    outcomes[1].code = 'X-2';

    const empty = { ...body, clusters: [{ title: both('C'), areas: [] }] };
    expect(refusal(await api.post('/standards', empty))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      fields: [
        { field: 'clusters.0.areas', message: 'a cluster needs at least one competence area' },
      ],
    });
    const emptyArea = {
      ...body,
      clusters: [{ title: both('C'), areas: [{ title: both('A'), outcomes: [] }] }],
    };
    expect(refusal(await api.post('/standards', emptyArea)).fields).toEqual([
      {
        field: 'clusters.0.areas.0.outcomes',
        message: 'an area needs at least one learning outcome or area',
      },
    ]);
    expect(refusal(await api.post('/standards', { ...body, clusters: [] })).fields).toEqual([
      { field: 'clusters', message: 'a standard needs at least one cluster' },
    ]);
    for (const nkrLevel of [0, 9, 4.5]) {
      outcomes[0].nkrLevel = nkrLevel;
      expect(refusal(await api.post('/standards', body))).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        fields: [
          {
            field: 'clusters.0.areas.0.outcomes.0.nkrLevel',
            message: 'must be an NKR level, an integer 1-8',
          },
        ],
      });
    }
    delete outcomes[0].nkrLevel;

    const created = await api.post('/standards', body);
    expect(created.status).toBe(201);
    const unknown = '3b0c2f8e-5f1a-4c7e-9d7a-1e2f3a4b5c6d';
    const tree = structuredClone(body.clusters) as any[];
    tree[0].areas[0].id = unknown;
    tree[0].areas[0].outcomes[0].id = created.body.clusters[0].areas[0].outcomes[0].id;
    expect(
      refusal(await api.patch(`/standards/${created.body.id}/versions/1`, { clusters: tree })),
    ).toEqual({
      status: 422,
      code: 'UNKNOWN_STANDARD_ELEMENT',
      fields: [{ field: 'clusters.0.areas.0.id', message: `no area ${unknown} in the draft` }],
    });
    // Nothing was changed by a refused PATCH.
    expect((await api.get(`/standards/${created.body.id}`)).body.clusters).toEqual(
      created.body.clusters,
    );
    expect((await api.post('/standards', body)).body.code).toBe('STANDARD_CODE_TAKEN');
  }, 30_000);

  it('starts a new draft from the published version, which it supersedes when published; a case keeps the version it was opened on', async () => {
    const v1 = await publishedStandard(api, smallStandard('pinned', 3));
    const id = v1.id;
    const v1Outcomes = outcomeIds(v1);
    const opened = await api.post('/cases', {
      standardId: id,
      candidate: { externalId: 'HR-pin-1', name: 'Kari Nordmann' },
    });
    expect(opened.status).toBe(201);
    expect(opened.body.standardVersion).toBe(1);

    const draft = await api.post(`/standards/${id}/versions`);
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ version: 2, status: 'draft' });
    expect(outcomeIds(draft.body)).toEqual(v1Outcomes);
    expect((await api.post(`/standards/${id}/versions`)).body).toMatchObject({
      status: 409,
      code: 'STANDARD_DRAFT_EXISTS',
      details: { id, version: 2 },
    });
    // Version 2 drops the third outcome and adds one.
    const tree = structuredClone(draft.body.clusters);
    tree[0].areas[0].outcomes = [
      ...tree[0].areas[0].outcomes.slice(0, 2).map((o: any) => ({
        id: o.id,
        code: o.code,
        statement: o.statement,
        category: o.category,
      })),
      { statement: both('Can do more.'), category: 'knowledge' },
    ];
    for (const c of tree) for (const a of c.areas) delete a.outcomes.id;
    const changed = await api.patch(`/standards/${id}/versions/2`, {
      clusters: tree.map((c: any) => ({
        id: c.id,
        title: c.title,
        areas: c.areas.map((a: any) => ({ id: a.id, title: a.title, outcomes: a.outcomes })),
      })),
    });
    expect(changed.status).toBe(200);
    const v2Outcomes = outcomeIds(changed.body);
    // Still a draft: the default is version 1, and a case cannot pin version 2.
    expect((await api.get(`/standards/${id}`)).body.version).toBe(1);
    expect(
      (
        await api.post('/cases', {
          standardId: id,
          standardVersion: 2,
          candidate: { externalId: 'HR-pin-x', name: 'N' },
        })
      ).body.code,
    ).toBe('STANDARD_VERSION_DRAFT');

    expect((await api.post(`/standards/${id}/versions/2/publish`)).status).toBe(200);
    expect((await api.get(`/standards/${id}`)).body).toMatchObject({
      version: 2,
      status: 'published',
    });
    expect((await api.get(`/standards/${id}?version=1`)).body).toMatchObject({
      version: 1,
      status: 'superseded',
    });
    const versions = await api.get(`/standards/${id}/versions?limit=1`);
    expect(versions.body.items.map((v: any) => [v.version, v.status])).toEqual([[1, 'superseded']]);
    const next = await api.get(
      `/standards/${id}/versions?limit=1&cursor=${versions.body.nextCursor}`,
    );
    expect(next.body).toMatchObject({
      items: [{ version: 2, status: 'published', outcomeCount: 3 }],
      hasMore: false,
    });
    const listed = (await api.get('/standards?limit=100')).body.items.find((s: any) => s.id === id);
    expect(listed).toMatchObject({ version: 2, status: 'published' });

    // The case opened on version 1 keeps it: its scope takes version 1's outcomes, not version 2's.
    const caseId = opened.body.id;
    expect(
      (await api.put(`/cases/${caseId}/scope`, { outcomeIds: [v2Outcomes[2]] })).body.code,
    ).toBe('OUTCOME_NOT_IN_STANDARD');
    expect((await api.get(`/cases/${caseId}`)).body.standardVersion).toBe(1);
    // A new case gets version 2 by default, and version 1 when it asks for it.
    const onV2 = await driveCase(api, { id, outcomeIds: v2Outcomes }, { externalId: 'HR-pin-2' });
    expect(onV2.final).toMatchObject({ standardVersion: 2, result: 'certified' });
    const onV1 = await api.post('/cases', {
      standardId: id,
      standardVersion: 1,
      candidate: { externalId: 'HR-pin-3', name: 'Ola Nordmann' },
    });
    expect(onV1.body.standardVersion).toBe(1);
    expect(
      (
        await api.post('/cases', {
          standardId: id,
          standardVersion: 5,
          candidate: { externalId: 'HR-pin-4', name: 'N' },
        })
      ).body,
    ).toMatchObject({
      status: 422,
      code: 'STANDARD_VERSION_NOT_FOUND',
      fields: [{ field: 'standardVersion', message: 'the standard has no such version' }],
    });
    // A case on version 1 keeps it through every phase while version 3 is published: assess
    // decides on version 1's outcomes (all met: certified; on version 3's it would be partial).
    const onV1Throughout = await driveCase(
      api,
      { id, outcomeIds: v1Outcomes },
      {
        externalId: 'HR-pin-5',
        standardVersion: 1,
        afterOpen: async () => {
          const v3 = await api.post(`/standards/${id}/versions`);
          expect(v3.body.version).toBe(3);
          expect((await api.post(`/standards/${id}/versions/3/publish`)).status).toBe(200);
        },
      },
    );
    expect(onV1Throughout.final).toMatchObject({ standardVersion: 1, result: 'certified' });
  }, 60_000);

  it('keeps a tenant’s own standards invisible to other tenants', async () => {
    const own = await publishedStandard(api, smallStandard('private'));
    const other = stack.api.withTenant('versions-other');
    expect((await other.get(`/standards/${own.id}`)).body.code).toBe('STANDARD_NOT_FOUND');
    expect((await other.get(`/standards/${own.id}?version=1`)).body.code).toBe(
      'STANDARD_NOT_FOUND',
    );
    expect((await other.get(`/standards/${own.id}/versions`)).body.code).toBe('STANDARD_NOT_FOUND');
    expect((await other.post(`/standards/${own.id}/versions`)).body.code).toBe(
      'STANDARD_NOT_FOUND',
    );
    expect((await other.post(`/standards/${own.id}/versions/1/publish`)).body.code).toBe(
      'STANDARD_NOT_FOUND',
    );
    expect(
      (await other.patch(`/standards/${own.id}/versions/1`, { title: both('x') })).body.code,
    ).toBe('STANDARD_NOT_FOUND');
    const listed = (await other.get('/standards?limit=100')).body.items.map((s: any) => s.id);
    expect(listed).not.toContain(own.id);
    const opened = await other.post('/cases', {
      standardId: own.id,
      candidate: { externalId: 'HR-o', name: 'N' },
    });
    expect(refusal(opened)).toMatchObject({ status: 422, code: 'STANDARD_NOT_FOUND' });
    // The same code is free in another tenant.
    expect((await other.post('/standards', smallStandard('private'))).status).toBe(201);
  }, 30_000);
});
