import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { pageByTime } from '@balanse/persistence';
import { SHARED_TENANT } from '../standards/standard.entity';
import { Need } from './need.entity';

export interface NeedFilter {
  standardId?: string;
  sector?: string;
  region?: string;
}

/** Needs: a tenant sees its own and the shared ones, and changes only its own. */
@Injectable()
export class NeedRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, need: Need): Promise<void> {
    await manager.insert(Need, need);
  }

  async save(manager: EntityManager, need: Need): Promise<void> {
    await manager.save(Need, need);
  }

  /** Pass the transaction's manager when inside one (PGlite has a single connection). */
  findVisible(
    tenantId: string,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Need | null> {
    return manager.findOneBy(Need, { id, tenantId: In([tenantId, SHARED_TENANT]) });
  }

  /** The tenant's own need, locked until the transaction ends. */
  lockOwn(manager: EntityManager, tenantId: string, id: string): Promise<Need | null> {
    return manager.findOne(Need, { where: { id, tenantId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Up to `take` needs the tenant sees after the keyset `after`, oldest first. */
  page(tenantId: string, filter: NeedFilter, after: string[] | null, take: number) {
    const query = this.dataSource
      .getRepository(Need)
      .createQueryBuilder('n')
      .where('n.tenant_id IN (:...tenants)', { tenants: [tenantId, SHARED_TENANT] });
    if (filter.standardId) query.andWhere('n.standard_id = :sid', { sid: filter.standardId });
    if (filter.sector) query.andWhere('n.sector = :sector', { sector: filter.sector });
    if (filter.region) query.andWhere('n.region = :region', { region: filter.region });
    return pageByTime(query, { at: 'recorded_at', id: 'id', idOf: (n) => n.id }, after, take);
  }
}
