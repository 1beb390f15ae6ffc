import type { MigrationInterface, QueryRunner } from 'typeorm';

interface OldOutcome {
  id: string;
  code: string;
  statement: string;
  category: string;
}
interface OldCluster {
  id: string;
  title: string;
  areas: Array<{ id: string; title: string; outcomes: OldOutcome[] }>;
}

/** Text written before standards were bilingual stands for both languages until it is translated. */
const both = (text: string) => ({ nb: text, en: text });

/**
 * Standards get versions: `standard` keeps what stays (id, tenant, code), `standard_version`
 * one row per version. Every existing standard becomes version 1, published, and the cases on
 * it pin that version (`competence_case.standard_version` = 1).
 */
export class StandardVersions1797000000100 implements MigrationInterface {
  name = 'StandardVersions1797000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE standard_version (
        standard_id uuid NOT NULL REFERENCES standard (id),
        version int NOT NULL CHECK (version >= 1),
        tenant_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('draft', 'published', 'superseded')),
        title jsonb NOT NULL,
        description jsonb,
        owner jsonb,
        nqf_level int,
        sector text,
        clusters jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        PRIMARY KEY (standard_id, version)
      );
      CREATE UNIQUE INDEX standard_version_one_draft ON standard_version (standard_id)
        WHERE status = 'draft';
      CREATE UNIQUE INDEX standard_version_one_published ON standard_version (standard_id)
        WHERE status = 'published';
    `);
    const rows: Array<{
      id: string;
      tenant_id: string;
      title: string;
      nqf_level: number | null;
      sector: string | null;
      clusters: OldCluster[];
      created_at: Date;
    }> = await q.query(
      'SELECT id, tenant_id, title, nqf_level, sector, clusters, created_at FROM standard',
    );
    for (const row of rows) {
      const clusters = row.clusters.map((c) => ({
        id: c.id,
        title: both(c.title),
        areas: c.areas.map((a) => ({
          id: a.id,
          title: both(a.title),
          outcomes: a.outcomes.map((o) => ({
            id: o.id,
            code: o.code,
            statement: both(o.statement),
            category: o.category,
            mandatory: false,
            nkrLevel: null,
            eqfLevel: null,
            escoSkills: [],
            education: [],
          })),
        })),
      }));
      await q.query(
        `INSERT INTO standard_version (standard_id, version, tenant_id, status, title, nqf_level,
                                       sector, clusters, created_at, published_at)
         VALUES ($1, 1, $2, 'published', $3, $4, $5, $6, $7, $7)`,
        [
          row.id,
          row.tenant_id,
          JSON.stringify(both(row.title)),
          row.nqf_level,
          row.sector,
          JSON.stringify(clusters),
          row.created_at,
        ],
      );
    }
    // A code named one standard per version before; now it names the standard. Later versions
    // of one code, if any, keep their own standard under `<code>-<version>`.
    await q.query(`
      UPDATE standard s SET code = s.code || '-' || lower(regexp_replace(s.version, '[^0-9A-Za-z-]', '-', 'g'))
       WHERE EXISTS (SELECT 1 FROM standard o WHERE o.tenant_id = s.tenant_id AND o.code = s.code
                       AND (o.created_at, o.id) < (s.created_at, s.id));
      ALTER TABLE standard DROP CONSTRAINT standard_tenant_id_code_version_key;
      ALTER TABLE standard DROP COLUMN version, DROP COLUMN title, DROP COLUMN nqf_level,
        DROP COLUMN sector, DROP COLUMN clusters;
      ALTER TABLE standard ADD CONSTRAINT standard_tenant_code UNIQUE (tenant_id, code);
      ALTER TABLE competence_case ALTER COLUMN standard_version TYPE int USING 1;
      ALTER TABLE competence_case ADD CONSTRAINT competence_case_standard_version
        FOREIGN KEY (standard_id, standard_version) REFERENCES standard_version (standard_id, version);
    `);
  }

  async down(): Promise<void> {
    throw new Error('standard versions cannot be folded back into one row per standard');
  }
}
