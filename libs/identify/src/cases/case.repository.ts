import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { CASE_VIEW_HISTORY_ENTRIES, PHASES, type CaseResult, type Phase } from '@balanse/contracts';
import { fromMicros, microsOf } from '@balanse/persistence';
import { Candidate, CaseHistoryEntry, CaseRecord } from './case.entity';
import type { Progress } from './progress';
import type { Scope } from './scope';

/**
 * A later phase's report in one statement: the phase moves forward only (the UPDATE's condition
 * is checked again under the row lock, so reports arriving together cannot move it back), and
 * the history keeps every report. No row back: the case is unknown.
 */
const ADVANCE_SQL = `
  WITH moved AS (
    UPDATE competence_case SET phase = $3, result = COALESCE($4, result), updated_at = now()
     WHERE id = $1 AND tenant_id = $2
       AND array_position($9::text[], phase) < array_position($9::text[], $3::text)
    RETURNING id)
  INSERT INTO case_history (id, case_id, tenant_id, at, phase, event, actor, detail)
  SELECT $5, c.id, c.tenant_id, $6, $3, $7, 'system', $8 FROM competence_case c
   WHERE c.id = $1 AND c.tenant_id = $2
  RETURNING id`;

/**
 * A case with its candidate and its latest history entries, oldest first: one round trip for
 * GET /cases/{id}. The whole history is paged by HISTORY_PAGE_SQL.
 */
const VIEW_SQL = `
  SELECT c.id, c.phase, c.result, c.standard_id, c.standard_version, c.outcome_ids,
         c.self_assessment, c.opened_at, c.updated_at, c.need_id, c.sector, c.region,
         c.employer_view,
         json_build_object('id', p.id, 'externalId', p.external_id, 'name', p.name, 'email', p.email)
           AS candidate,
         COALESCE((SELECT json_agg(json_build_object('at', h.at, 'phase', h.phase, 'event', h.event,
                                                    'actor', h.actor, 'detail', h.detail) ORDER BY h.at, h.id)
                     FROM (SELECT * FROM case_history
                            WHERE tenant_id = c.tenant_id AND case_id = c.id
                            ORDER BY at DESC, id DESC LIMIT ${CASE_VIEW_HISTORY_ENTRIES}) h), '[]')
           AS history
    FROM competence_case c JOIN candidate p ON p.id = c.candidate_id
   WHERE c.id = $1 AND c.tenant_id = $2`;

/** A page of a case's history, oldest first, after the keyset ($3: `at` in microseconds, $4: id). */
const HISTORY_PAGE_SQL = `
  SELECT h.id, h.at, h.phase, h.event, h.actor, h.detail, ${microsOf('h.at')} AS key_at
    FROM case_history h
   WHERE h.tenant_id = $1 AND h.case_id = $2
     AND ($3::text IS NULL OR (h.at, h.id) > (${fromMicros('$3')}, $4::uuid))
   ORDER BY h.at, h.id
   LIMIT $5`;

/**
 * One candidate per employer id; concurrent openings for the same person meet in the upsert. An
 * existing row is only locked (the no-op update), never changed: details change through
 * `PATCH /candidates/{externalIdentifier}` alone. Answers the row on record, to compare.
 */
const UPSERT_CANDIDATE_SQL = `
  INSERT INTO candidate (id, tenant_id, external_id, name, email) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (tenant_id, external_id) DO UPDATE SET external_id = candidate.external_id
  RETURNING id, name, email`;

/**
 * Many candidates at once (a bulk chunk, one row per external id), in external-id order so that
 * concurrent chunks lock them in the same order.
 */
const UPSERT_CANDIDATES_SQL = `
  INSERT INTO candidate (id, tenant_id, external_id, name, email)
  SELECT gen_random_uuid(), $1, c.external_id, c.name, c.email
    FROM unnest($2::text[], $3::text[], $4::text[]) AS c(external_id, name, email)
   ORDER BY c.external_id
  ON CONFLICT (tenant_id, external_id) DO UPDATE SET external_id = candidate.external_id
  RETURNING id, external_id, name, email`;

/** Cases in phase identify, and the history entry that opens each, in two statements. */
const INSERT_CASES_SQL = `
  INSERT INTO competence_case
         (id, tenant_id, candidate_id, standard_id, standard_version, phase, need_id, sector, region)
  SELECT c.id, $1, c.candidate_id, c.standard_id, c.standard_version, 'identify',
         c.need_id, c.sector, c.region
    FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::uuid[], $7::text[], $8::text[])
         AS c(id, candidate_id, standard_id, standard_version, need_id, sector, region)`;
const INSERT_OPENED_SQL = `
  INSERT INTO case_history (id, case_id, tenant_id, at, phase, event, actor, detail)
  SELECT gen_random_uuid(), h.case_id, $1, now(), 'identify', 'opened', $2, h.detail
    FROM unnest($3::uuid[], $4::jsonb[]) AS h(case_id, detail)`;

/** Each candidate's first case per standard. */
const CASES_OF_SQL = `
  SELECT DISTINCT ON (candidate_id, standard_id) candidate_id, standard_id, id
    FROM competence_case WHERE tenant_id = $1 AND candidate_id = ANY($2::uuid[])
   ORDER BY candidate_id, standard_id, opened_at, id`;

/** A change of a candidate's details, noted in the history of each of their cases (no values). */
const CANDIDATE_HISTORY_SQL = `
  INSERT INTO case_history (id, case_id, tenant_id, at, phase, event, actor, detail)
  SELECT gen_random_uuid(), c.id, c.tenant_id, now(), c.phase, 'candidate_updated', $3, $4
    FROM competence_case c WHERE c.tenant_id = $1 AND c.candidate_id = $2
  RETURNING 1`;

interface CaseViewRow {
  id: string;
  phase: Phase;
  result: CaseResult | null;
  standard_id: string;
  standard_version: number;
  outcome_ids: string[];
  self_assessment: Record<string, number>;
  opened_at: Date;
  updated_at: Date;
  need_id: string | null;
  sector: string | null;
  region: string | null;
  employer_view: Record<string, number>;
  candidate: { id: string; externalId: string; name: string; email: string | null };
  history: Array<{
    at: string;
    phase: Phase;
    event: string;
    actor: string;
    detail: Record<string, unknown>;
  }>;
}

/** The case as the API shows it. */
export type CaseView = ReturnType<typeof toView>;

/** A history entry as the API shows it, with the keyset it is paged by. */
export interface HistoryRow {
  entry: ReturnType<typeof historyEntry>;
  key: [string, string];
}

/** Cases, their candidates and their history: every statement on the case aggregate. */
@Injectable()
export class CaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The candidate with this external id, created if new; `conflicts` names the details given that
   * differ from the ones on record (an e-mail left out is no difference).
   */
  async upsertCandidate(
    manager: EntityManager,
    tenantId: string,
    candidate: { externalId: string; name: string; email?: string },
  ): Promise<{ id: string; conflicts: Array<'name' | 'email'> }> {
    const rows: Array<{ id: string; name: string; email: string | null }> = await manager.query(
      UPSERT_CANDIDATE_SQL,
      [randomUUID(), tenantId, candidate.externalId, candidate.name, candidate.email ?? null],
    );
    const onRecord = rows[0];
    return { id: onRecord.id, conflicts: detailsDiffering(onRecord, candidate) };
  }

  /** The candidate, locked for update until the transaction ends; null if the tenant has none. */
  lockCandidate(
    manager: EntityManager,
    tenantId: string,
    externalId: string,
  ): Promise<Candidate | null> {
    return manager.findOne(Candidate, {
      where: { tenantId, externalId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** New details, and an entry naming the changed fields in each of the candidate's cases. */
  async updateCandidate(
    manager: EntityManager,
    candidate: Candidate,
    changed: Array<'name' | 'email'>,
    actor: string,
  ): Promise<number> {
    await manager.update(
      Candidate,
      { id: candidate.id, tenantId: candidate.tenantId },
      { name: candidate.name, email: candidate.email },
    );
    const entries: unknown[] = await manager.query(CANDIDATE_HISTORY_SQL, [
      candidate.tenantId,
      candidate.id,
      actor,
      JSON.stringify({ fields: changed }),
    ]);
    return entries.length;
  }

  /** Candidates by external id (each once), created if new; answers the rows on record. */
  async upsertCandidates(
    manager: EntityManager,
    tenantId: string,
    candidates: Array<{ externalId: string; name: string; email?: string }>,
  ): Promise<Map<string, { id: string; name: string; email: string | null }>> {
    if (candidates.length === 0) return new Map();
    const rows: Array<{ id: string; external_id: string; name: string; email: string | null }> =
      await manager.query(UPSERT_CANDIDATES_SQL, [
        tenantId,
        candidates.map((c) => c.externalId),
        candidates.map((c) => c.name),
        candidates.map((c) => c.email ?? null),
      ]);
    return new Map(rows.map((r) => [r.external_id, r]));
  }

  /** Each candidate's first case per standard, keyed `<candidateId>/<standardId>`. */
  async casesOf(
    manager: EntityManager,
    tenantId: string,
    candidateIds: string[],
  ): Promise<Map<string, string>> {
    if (candidateIds.length === 0) return new Map();
    const rows: Array<{ candidate_id: string; standard_id: string; id: string }> =
      await manager.query(CASES_OF_SQL, [tenantId, candidateIds]);
    return new Map(rows.map((r) => [`${r.candidate_id}/${r.standard_id}`, r.id]));
  }

  /** Opens cases in phase identify with their `opened` history entries. */
  async insertOpened(
    manager: EntityManager,
    tenantId: string,
    actor: string,
    cases: Array<
      Pick<CaseRecord, 'id' | 'candidateId' | 'standardId' | 'standardVersion'> &
        Partial<Pick<CaseRecord, 'needId' | 'sector' | 'region'>> & {
          detail: Record<string, unknown>;
        }
    >,
  ): Promise<void> {
    if (cases.length === 0) return;
    await manager.query(INSERT_CASES_SQL, [
      tenantId,
      cases.map((c) => c.id),
      cases.map((c) => c.candidateId),
      cases.map((c) => c.standardId),
      cases.map((c) => c.standardVersion),
      cases.map((c) => c.needId ?? null),
      cases.map((c) => c.sector ?? null),
      cases.map((c) => c.region ?? null),
    ]);
    await manager.query(INSERT_OPENED_SQL, [
      tenantId,
      actor,
      cases.map((c) => c.id),
      cases.map((c) => JSON.stringify(c.detail)),
    ]);
  }

  /** The case, locked for update until the transaction ends; null if the tenant has no such case. */
  lock(manager: EntityManager, tenantId: string, caseId: string): Promise<CaseRecord | null> {
    return manager.findOne(CaseRecord, {
      where: { id: caseId, tenantId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async saveScope(
    manager: EntityManager,
    tenantId: string,
    caseId: string,
    scope: Scope,
  ): Promise<void> {
    await manager.update(
      CaseRecord,
      { id: caseId, tenantId },
      { outcomeIds: scope.outcomeIds, selfAssessment: scope.selfAssessment },
    );
  }

  async saveEmployerView(
    manager: EntityManager,
    tenantId: string,
    caseId: string,
    ratings: Record<string, number>,
  ): Promise<void> {
    await manager.update(CaseRecord, { id: caseId, tenantId }, { employerView: ratings });
  }

  async setPhase(
    manager: EntityManager,
    tenantId: string,
    caseId: string,
    phase: Phase,
  ): Promise<void> {
    await manager.update(CaseRecord, { id: caseId, tenantId }, { phase });
  }

  async addHistory(
    manager: EntityManager,
    tenantId: string,
    entry: Pick<CaseHistoryEntry, 'caseId' | 'phase' | 'event' | 'actor' | 'detail'>,
  ): Promise<void> {
    await manager.insert(CaseHistoryEntry, {
      ...entry,
      id: randomUUID(),
      tenantId,
      at: new Date(),
      // TypeORM cannot type `unknown` values of a jsonb column; `detail` is plain JSON.
      detail: entry.detail as never,
    });
  }

  /** Records a later phase's report (see ADVANCE_SQL); false if the case is unknown. */
  async advance(
    manager: EntityManager,
    tenantId: string,
    caseId: string,
    progress: Progress,
    at: Date,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(ADVANCE_SQL, [
      caseId,
      tenantId,
      progress.phase,
      progress.result,
      randomUUID(),
      at,
      progress.event,
      JSON.stringify(progress.detail),
      PHASES,
    ]);
    return rows.length > 0;
  }

  async phaseOf(tenantId: string, caseId: string): Promise<Phase | null> {
    const record = await this.dataSource
      .getRepository(CaseRecord)
      .findOne({ where: { id: caseId, tenantId }, select: { id: true, phase: true } });
    return record?.phase ?? null;
  }

  /** Up to `take` history entries of the case after the keyset `after`, oldest first. */
  async pageHistory(
    tenantId: string,
    caseId: string,
    after: string[] | null,
    take: number,
  ): Promise<HistoryRow[]> {
    const rows: Array<Parameters<typeof historyEntry>[0] & { id: string; key_at: string }> =
      await this.dataSource.query(HISTORY_PAGE_SQL, [
        tenantId,
        caseId,
        after?.[0] ?? null,
        after?.[1] ?? null,
        take,
      ]);
    return rows.map((r) => ({ entry: historyEntry(r), key: [r.key_at, r.id] }));
  }

  /** The case as the API shows it, in one statement (in `manager`'s transaction if given). */
  async view(
    tenantId: string,
    caseId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CaseView | null> {
    const rows: CaseViewRow[] = await manager.query(VIEW_SQL, [caseId, tenantId]);
    return rows.length > 0 ? toView(rows[0]) : null;
  }
  /** The e-mails on record of these candidates (for the credential's hashed recipient). */
  async candidateEmails(
    manager: EntityManager,
    tenantId: string,
    candidateIds: string[],
  ): Promise<Map<string, string | null>> {
    const rows: Array<{ id: string; email: string | null }> = await manager.query(
      `SELECT id, email FROM candidate WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tenantId, [...new Set(candidateIds)]],
    );
    return new Map(rows.map((r) => [r.id, r.email]));
  }
}

function toView(c: CaseViewRow) {
  return {
    id: c.id,
    phase: c.phase,
    result: c.result,
    standardId: c.standard_id,
    standardVersion: c.standard_version,
    candidate: c.candidate,
    scope: { outcomeIds: c.outcome_ids, selfAssessment: c.self_assessment },
    needId: c.need_id,
    sector: c.sector,
    region: c.region,
    employerView: c.employer_view,
    openedAt: c.opened_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
    history: c.history.map(historyEntry),
  };
}

function historyEntry(
  h: CaseViewRow['history'][number] | (Omit<CaseViewRow['history'][number], 'at'> & { at: Date }),
) {
  return {
    at: new Date(h.at).toISOString(),
    phase: h.phase,
    event: h.event,
    actor: h.actor,
    detail: h.detail,
  };
}

/** Which of the given details differ from the ones on record; e-mails compare case-insensitively. */
export function detailsDiffering(
  onRecord: { name: string; email: string | null },
  given: { name: string; email?: string },
): Array<'name' | 'email'> {
  const differing: Array<'name' | 'email'> = [];
  if (onRecord.name !== given.name) differing.push('name');
  if (given.email !== undefined && onRecord.email?.toLowerCase() !== given.email.toLowerCase())
    differing.push('email');
  return differing;
}
