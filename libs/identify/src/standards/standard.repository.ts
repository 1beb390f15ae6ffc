import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { SHARED_TENANT, Standard } from './standard.entity';

/** Standards: every statement on the standard aggregate. A tenant sees its own and the shared ones. */
@Injectable()
export class StandardRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get repo() {
    return this.dataSource.getRepository(Standard);
  }

  listVisible(tenantId: string): Promise<Standard[]> {
    return this.repo.find({
      where: { tenantId: In([tenantId, SHARED_TENANT]) },
      order: { code: 'ASC', version: 'ASC' },
    });
  }

  /** Pass the transaction's manager when inside one (PGlite has a single connection). */
  findVisible(
    tenantId: string,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Standard | null> {
    return manager.findOneBy(Standard, { id, tenantId: In([tenantId, SHARED_TENANT]) });
  }

  async idOf(tenantId: string, code: string, version: string): Promise<string | null> {
    const found = await this.repo.findOne({
      where: { tenantId, code, version },
      select: { id: true },
    });
    return found?.id ?? null;
  }

  /** Stores a new standard and reads it back; null when its code and version are taken. */
  async insert(standard: Omit<Standard, 'createdAt'>): Promise<Standard | null> {
    try {
      await this.repo.insert(standard);
    } catch (err) {
      // Two creations at once: the unique (tenant, code, version) constraint decides.
      if ((err as { driverError?: { code?: string } }).driverError?.code === '23505') return null;
      throw err;
    }
    return this.repo.findOneByOrFail({ id: standard.id });
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
