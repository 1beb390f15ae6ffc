import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { SHARED_TENANT, Standard } from './standard.entity';

/** A standard without its clusters, as the list shows it. */
export interface StandardHeadRow {
  id: string;
  tenant_id: string;
  code: string;
  version: string;
  title: string;
  nqf_level: number | null;
  sector: string | null;
  outcome_count: number;
}

/** Standards: every statement on the standard aggregate. A tenant sees its own and the shared ones. */
@Injectable()
export class StandardRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * One page of the standards a tenant sees, by code, version and id: up to `take` after the
   * keyset `after`, each with its number of outcomes (counted in SQL; the clusters stay there).
   */
  async pageVisible(
    tenantId: string,
    after: string[] | null,
    take: number,
  ): Promise<StandardHeadRow[]> {
    const rows: StandardHeadRow[] = await this.dataSource.query(
      `SELECT id, tenant_id, code, version, title, nqf_level, sector,
              (SELECT count(*)::int FROM jsonb_array_elements(s.clusters) c,
                      jsonb_array_elements(c->'areas') a, jsonb_array_elements(a->'outcomes') o)
                AS outcome_count
         FROM standard s
        WHERE tenant_id IN ($1, $2) AND ($3::text IS NULL OR (code, version, id) > ($3, $4, $5::uuid))
        ORDER BY code, version, id
        LIMIT $6`,
      [tenantId, SHARED_TENANT, after?.[0] ?? null, after?.[1] ?? null, after?.[2] ?? null, take],
    );
    return rows;
  }

  /** Pass the transaction's manager when inside one (PGlite has a single connection). */
  findVisible(
    tenantId: string,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Standard | null> {
    return manager.findOneBy(Standard, { id, tenantId: In([tenantId, SHARED_TENANT]) });
  }

  async idOf(
    manager: EntityManager,
    tenantId: string,
    code: string,
    version: string,
  ): Promise<string | null> {
    const found = await manager.findOne(Standard, {
      where: { tenantId, code, version },
      select: { id: true },
    });
    return found?.id ?? null;
  }

  /**
   * Stores a new standard in `manager`'s transaction and reads it back; null when its code and
   * version are taken (two creations at once: the unique (tenant, code, version) index decides).
   */
  async insert(
    manager: EntityManager,
    standard: Omit<Standard, 'createdAt'>,
  ): Promise<Standard | null> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(Standard)
      .values(standard)
      .orIgnore()
      .returning('id')
      .execute();
    if (inserted.raw.length === 0) return null;
    return manager.findOneByOrFail(Standard, { id: standard.id });
  }

  /** Stores a standard unless its id is there already (the seed, at every start). */
  async insertIfAbsent(standard: Omit<Standard, 'createdAt'>): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(Standard)
      .values(standard)
      .orIgnore()
      .execute();
  }
}
