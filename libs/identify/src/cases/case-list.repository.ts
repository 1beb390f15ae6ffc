import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseResult, CaseSort, ListCasesQueryDto, Phase } from '@balanse/contracts';
import { fromMicros, microsOf } from '@balanse/persistence';

/** A case as the list shows it: where it is and what it is about, the candidate by id only. */
export interface CaseSummary {
  id: string;
  phase: Phase;
  result: CaseResult | null;
  standardId: string;
  standardVersion: string;
  needId: string | null;
  sector: string | null;
  region: string | null;
  candidate: { id: string; externalId: string };
  openedAt: string;
  updatedAt: string;
}

interface SummaryRow {
  id: string;
  phase: Phase;
  result: CaseResult | null;
  standard_id: string;
  standard_version: string;
  need_id: string | null;
  sector: string | null;
  region: string | null;
  candidate_id: string;
  external_id: string;
  opened_at: Date;
  updated_at: Date;
  key_at: string;
}

/**
 * Finding a tenant's cases: each filter is one condition or none (`$n IS NULL OR …`), so one
 * statement serves every combination; the keyset is (opened_at, id) in the direction asked for.
 * `openedTo` is a day, so it includes the whole of it.
 */
const listSql = (descending: boolean) => `
  SELECT c.id, c.phase, c.result, c.standard_id, c.standard_version, c.need_id, c.sector,
         c.region, c.candidate_id, p.external_id, c.opened_at, c.updated_at,
         ${microsOf('c.opened_at')} AS key_at
    FROM competence_case c JOIN candidate p ON p.id = c.candidate_id
   WHERE c.tenant_id = $1
     AND ($2::text IS NULL OR c.phase = $2)
     AND ($3::text IS NULL OR c.result = $3)
     AND ($4::uuid IS NULL OR c.standard_id = $4)
     AND ($5::uuid IS NULL OR c.need_id = $5)
     AND ($6::text IS NULL OR p.external_id = $6)
     AND ($7::date IS NULL OR c.opened_at >= $7::date::timestamp AT TIME ZONE 'UTC')
     AND ($8::date IS NULL OR c.opened_at < ($8::date + 1)::timestamp AT TIME ZONE 'UTC')
     AND ($9::text IS NULL OR (c.opened_at, c.id) ${descending ? '<' : '>'} (${fromMicros('$9')}, $10::uuid))
   ORDER BY c.opened_at ${descending ? 'DESC' : 'ASC'}, c.id ${descending ? 'DESC' : 'ASC'}
   LIMIT $11`;

const LIST_SQL = { asc: listSql(false), desc: listSql(true) };

@Injectable()
export class CaseListRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Up to `take` of the tenant's cases matching `query`, after the keyset `after`. */
  async page(
    tenantId: string,
    query: ListCasesQueryDto | undefined,
    sort: CaseSort,
    after: string[] | null,
    take: number,
  ): Promise<Array<{ summary: CaseSummary; key: [string, string] }>> {
    const rows: SummaryRow[] = await this.dataSource.query(
      sort === '-openedAt' ? LIST_SQL.desc : LIST_SQL.asc,
      [
        tenantId,
        query?.phase ?? null,
        query?.result ?? null,
        query?.standardId ?? null,
        query?.needId ?? null,
        query?.externalId ?? null,
        query?.openedFrom ?? null,
        query?.openedTo ?? null,
        after?.[0] ?? null,
        after?.[1] ?? null,
        take,
      ],
    );
    return rows.map((r) => ({
      summary: {
        id: r.id,
        phase: r.phase,
        result: r.result,
        standardId: r.standard_id,
        standardVersion: r.standard_version,
        needId: r.need_id,
        sector: r.sector,
        region: r.region,
        candidate: { id: r.candidate_id, externalId: r.external_id },
        openedAt: new Date(r.opened_at).toISOString(),
        updatedAt: new Date(r.updated_at).toISOString(),
      },
      key: [r.key_at, r.id],
    }));
  }
}
