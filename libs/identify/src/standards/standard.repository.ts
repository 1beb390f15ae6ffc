import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  outcomesOf,
  SHARED_TENANT,
  StandardRecord,
  StandardVersionRecord,
  type Standard,
  type VersionStatus,
} from './standard.entity';

/** A standard as the list shows it: the version a case would get, without its clusters. */
export interface StandardHeadRow {
  id: string;
  tenant_id: string;
  code: string;
  version: number;
  status: VersionStatus;
  title: Standard['title'];
  owner: Standard['owner'];
  nqf_level: number | null;
  sector: string | null;
  outcome_count: number;
}

/** A version as the versions' list shows it. */
export interface VersionRow {
  version: number;
  status: VersionStatus;
  title: Standard['title'];
  created_at: Date;
  published_at: Date | null;
  outcome_count: number;
}

/** The published version first, else the newest (a standard not yet published has only a draft). */
const CURRENT_FIRST = `(v.status = 'published') DESC, v.version DESC`;

const STANDARD_COLUMNS = `s.id, s.code, v.tenant_id AS "tenantId", v.version, v.status, v.title,
  v.description, v.owner, v.nqf_level AS "nqfLevel", v.sector, v.clusters,
  v.extensions, v.outcome_count AS "outcomeCount", v.created_at AS "createdAt", v.published_at AS "publishedAt"`;

/**
 * Standards and their versions. A tenant reads its own and the shared ones; it writes only its own
 * (`tenantId` of the write statements is never the shared one).
 */
@Injectable()
export class StandardRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of the standards a tenant sees, by code and id, each as its current version. */
  pageVisible(tenantId: string, after: string[] | null, take: number): Promise<StandardHeadRow[]> {
    return this.dataSource.query(
      `SELECT s.id, s.tenant_id, s.code, v.version, v.status, v.title, v.owner, v.nqf_level,
              v.sector, v.outcome_count
         FROM standard s
         CROSS JOIN LATERAL (SELECT * FROM standard_version v WHERE v.standard_id = s.id
                              ORDER BY ${CURRENT_FIRST} LIMIT 1) v
        WHERE s.tenant_id IN ($1, $2) AND ($3::text IS NULL OR (s.code, s.id) > ($3, $4::uuid))
        ORDER BY s.code, s.id
        LIMIT $5`,
      [tenantId, SHARED_TENANT, after?.[0] ?? null, after?.[1] ?? null, take],
    );
  }

  /** One page of a standard's versions, oldest first. */
  pageVersions(
    tenantId: string,
    id: string,
    after: number | null,
    take: number,
  ): Promise<VersionRow[]> {
    return this.dataSource.query(
      `SELECT v.version, v.status, v.title, v.created_at, v.published_at,
              v.outcome_count
         FROM standard_version v
        WHERE v.standard_id = $1 AND v.tenant_id IN ($2, $3) AND ($4::int IS NULL OR v.version > $4)
        ORDER BY v.version
        LIMIT $5`,
      [id, tenantId, SHARED_TENANT, after, take],
    );
  }

  /**
   * A version the tenant may read: `version`, or without it the published one (the newest
   * draft while none is published). Pass the transaction's manager when inside one.
   */
  async findVisible(
    tenantId: string,
    id: string,
    version: number | undefined,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Standard | null> {
    const rows: Standard[] = await manager.query(
      `SELECT ${STANDARD_COLUMNS}
         FROM standard s JOIN standard_version v ON v.standard_id = s.id
        WHERE s.id = $1 AND s.tenant_id IN ($2, $3) AND ($4::int IS NULL OR v.version = $4)
        ORDER BY ${CURRENT_FIRST}
        LIMIT 1`,
      [id, tenantId, SHARED_TENANT, version ?? null],
    );
    return rows[0] ?? null;
  }

  /** The number of the version a case gets by default (the published one), without its content. */
  async currentVersion(
    tenantId: string,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<number | null> {
    const rows: Array<{ version: number }> = await manager.query(
      `SELECT v.version FROM standard s JOIN standard_version v ON v.standard_id = s.id
        WHERE s.id = $1 AND s.tenant_id IN ($2, $3)
        ORDER BY ${CURRENT_FIRST}
        LIMIT 1`,
      [id, tenantId, SHARED_TENANT],
    );
    return rows[0]?.version ?? null;
  }

  /** Whether the tenant sees the standard at all (to tell an unknown standard from an unknown version). */
  async isVisible(tenantId: string, id: string, manager?: EntityManager): Promise<boolean> {
    const m = manager ?? this.dataSource.manager;
    return m.exists(StandardRecord, {
      where: [
        { id, tenantId },
        { id, tenantId: SHARED_TENANT },
      ],
    });
  }

  /** The tenant's own standard, locked until the transaction ends (new versions take turns). */
  lockOwn(manager: EntityManager, tenantId: string, id: string): Promise<StandardRecord | null> {
    return manager.findOne(StandardRecord, {
      where: { id, tenantId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The tenant's own version, locked until the transaction ends. */
  lockVersion(
    manager: EntityManager,
    tenantId: string,
    id: string,
    version: number,
  ): Promise<StandardVersionRecord | null> {
    return manager.findOne(StandardVersionRecord, {
      where: { standardId: id, tenantId, version },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** The standard's versions' numbers and states, newest first. */
  versionsOf(
    manager: EntityManager,
    id: string,
  ): Promise<Array<Pick<StandardVersionRecord, 'version' | 'status'>>> {
    return manager.find(StandardVersionRecord, {
      where: { standardId: id },
      select: { version: true, status: true },
      order: { version: 'DESC' },
    });
  }

  /** The id of the tenant's standard with this code, if any. */
  async idOf(manager: EntityManager, tenantId: string, code: string): Promise<string | null> {
    const found = await manager.findOne(StandardRecord, {
      where: { tenantId, code },
      select: { id: true },
    });
    return found?.id ?? null;
  }

  /** Stores a new standard; false when the tenant's code is taken (the unique index decides). */
  async insertStandard(
    manager: EntityManager,
    standard: Omit<StandardRecord, 'createdAt'>,
  ): Promise<boolean> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(StandardRecord)
      .values(standard)
      .orIgnore()
      .returning('id')
      .execute();
    return inserted.raw.length > 0;
  }

  async insertVersion(manager: EntityManager, version: NewVersion): Promise<void> {
    // Cast: TypeORM's deep-partial type cannot follow free JSON (`extensions`) inside jsonb.
    await manager.insert(StandardVersionRecord, { ...counted(version), publishedAt: null } as Row);
  }

  async updateDraft(
    manager: EntityManager,
    draft: Pick<StandardVersionRecord, 'standardId' | 'version'>,
    changes: Partial<StandardVersionRecord>,
  ): Promise<void> {
    await manager.update(
      StandardVersionRecord,
      { standardId: draft.standardId, version: draft.version, status: 'draft' },
      (changes.clusters ? counted({ ...changes, clusters: changes.clusters }) : changes) as Row,
    );
  }

  /** The draft becomes the published version; the one published before is superseded. */
  async publish(manager: EntityManager, id: string, version: number): Promise<void> {
    await manager.query(
      `UPDATE standard_version SET status = 'superseded'
        WHERE standard_id = $1 AND status = 'published'`,
      [id],
    );
    await manager.query(
      `UPDATE standard_version SET status = 'published', published_at = now()
        WHERE standard_id = $1 AND version = $2 AND status = 'draft'`,
      [id, version],
    );
  }

  /** The seed: writes the standard and its version 1 as given, at every start. */
  async upsertSeed(
    standard: Omit<StandardRecord, 'createdAt'>,
    version: NewVersion,
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m
        .createQueryBuilder()
        .insert()
        .into(StandardRecord)
        .values(standard)
        .orIgnore()
        .execute();
      await m
        .createQueryBuilder()
        .insert()
        .into(StandardVersionRecord)
        .values({ ...counted(version), publishedAt: () => 'now()' } as Row)
        .orUpdate(
          ['title', 'description', 'owner', 'nqf_level', 'sector', 'clusters', 'outcome_count'],
          ['standard_id', 'version'],
        )
        .execute();
    });
  }
}

type NewVersion = Omit<
  StandardVersionRecord,
  'createdAt' | 'publishedAt' | 'outcomeCount' | 'extensions'
> &
  Partial<Pick<StandardVersionRecord, 'extensions'>>;

/** The version with the count of its outcomes, which lists show. */
function counted<T extends Pick<StandardVersionRecord, 'clusters'>>(
  v: T,
): T & { outcomeCount: number } {
  return { ...v, outcomeCount: outcomesOf(v).length };
}

type Row = QueryDeepPartialEntity<StandardVersionRecord>;
