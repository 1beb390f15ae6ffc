import type { DataSource } from 'typeorm';
import { openServiceDataSource } from '@balanse/persistence';
import { IdentifyInit1764300000100 } from './1764300000100-identify-init';
import { StandardVersions1797000000100 } from './1797000000100-standard-versions';

const STD = '11111111-1111-4111-8111-111111111111';
const STD_2 = '22222222-2222-4222-8222-222222222222';
const CANDIDATE = '33333333-3333-4333-8333-333333333333';
const CASE = '44444444-4444-4444-8444-444444444444';
const OUTCOME = '55555555-5555-4555-8555-555555555555';

/** Standards and cases from before versions: each standard becomes version 1, published; cases pin it. */
describe('migration to versioned standards (PGlite)', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await openServiceDataSource({
      storage: { kind: 'pglite', dir: 'memory://' },
      entities: [],
      migrations: [IdentifyInit1764300000100],
    });
    const clusters = [
      {
        id: '66666666-6666-4666-8666-666666666666',
        title: 'Cluster',
        areas: [
          {
            id: '77777777-7777-4777-8777-777777777777',
            title: 'Area',
            outcomes: [{ id: OUTCOME, code: 'A-1', statement: 'Can plan.', category: 'skills' }],
          },
        ],
      },
    ];
    await db.query(
      `INSERT INTO standard (id, tenant_id, code, version, title, nqf_level, sector, clusters, created_at)
       VALUES ($1, 't1', 'rota', '1.0', 'Rota', 4, 'care', $3, '2025-01-01'),
              ($2, 't1', 'rota', '2.0', 'Rota 2', null, null, $3, '2025-02-01')`,
      [STD, STD_2, JSON.stringify(clusters)],
    );
    await db.query(
      `INSERT INTO candidate (id, tenant_id, external_id, name) VALUES ($1, 't1', 'HR-1', 'Kari')`,
      [CANDIDATE],
    );
    await db.query(
      `INSERT INTO competence_case (id, tenant_id, candidate_id, standard_id, standard_version, phase)
       VALUES ($1, 't1', $2, $3, '1.0', 'identify')`,
      [CASE, CANDIDATE, STD],
    );
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    await new StandardVersions1797000000100().up(runner);
    await runner.commitTransaction();
    await runner.release();
  });
  afterAll(() => db?.destroy());

  it('makes every standard version 1, published, with its text in both languages', async () => {
    const rows = await db.query(
      `SELECT s.id, s.code, v.version, v.status, v.title, v.nqf_level, v.published_at IS NOT NULL AS published,
              v.clusters->0->'areas'->0->'outcomes'->0 AS outcome
         FROM standard s JOIN standard_version v ON v.standard_id = s.id ORDER BY s.code`,
    );
    expect(rows).toEqual([
      {
        id: STD,
        code: 'rota',
        version: 1,
        status: 'published',
        title: { nb: 'Rota', en: 'Rota' },
        nqf_level: 4,
        published: true,
        outcome: {
          id: OUTCOME,
          code: 'A-1',
          statement: { nb: 'Can plan.', en: 'Can plan.' },
          category: 'skills',
          mandatory: false,
          nkrLevel: null,
          eqfLevel: null,
          escoSkills: [],
          education: [],
        },
      },
      // The later row of the same code keeps its own standard under `<code>-<version>`.
      expect.objectContaining({ id: STD_2, code: 'rota-2-0', version: 1, status: 'published' }),
    ]);
  });

  it('pins existing cases to version 1, and a case must name a version that exists', async () => {
    expect(await db.query('SELECT standard_version FROM competence_case')).toEqual([
      { standard_version: 1 },
    ]);
    await expect(
      db.query('UPDATE competence_case SET standard_version = 2 WHERE id = $1', [CASE]),
    ).rejects.toThrow(/competence_case_standard_version/);
  });
});
