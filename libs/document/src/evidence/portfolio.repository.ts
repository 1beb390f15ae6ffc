import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { pageByTime } from '@balanse/persistence';
import { Evidence, Portfolio } from './portfolio.entity';

/** A case's portfolio and its evidence: every statement on the portfolio aggregate. */
@Injectable()
export class PortfolioRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Opens the portfolio once; a repeated `case.identified` leaves it as it is. */
  async open(
    manager: EntityManager,
    portfolio: Omit<Portfolio, 'status' | 'openedAt' | 'completedAt'>,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(Portfolio)
      .values({ ...portfolio, status: 'open', completedAt: null })
      .orIgnore()
      .execute();
  }

  /** The portfolio, locked for update until the transaction ends; null if it has not arrived. */
  lock(manager: EntityManager, tenantId: string, caseId: string): Promise<Portfolio | null> {
    return manager.findOne(Portfolio, {
      where: { tenantId, caseId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  async status(tenantId: string, caseId: string): Promise<Portfolio['status'] | null> {
    const portfolio = await this.dataSource
      .getRepository(Portfolio)
      .findOne({ where: { tenantId, caseId }, select: { caseId: true, status: true } });
    return portfolio?.status ?? null;
  }

  async addEvidence(
    manager: EntityManager,
    evidence: Omit<Evidence, 'addedAt'>,
  ): Promise<Evidence> {
    const row = manager.create(Evidence, evidence);
    await manager.insert(Evidence, row);
    return row;
  }

  /**
   * One page of a case's evidence, oldest first: up to `take` items after the keyset `after`
   * (`added_at` in microseconds, the id). Each comes with its keyset.
   */
  async pageEvidence(
    tenantId: string,
    caseId: string,
    after: string[] | null,
    take: number,
  ): Promise<Array<{ evidence: Evidence; key: [string, string] }>> {
    const query = this.dataSource
      .getRepository(Evidence)
      .createQueryBuilder('e')
      .where('e.tenant_id = :tenantId AND e.case_id = :caseId', { tenantId, caseId });
    const page = await pageByTime(
      query,
      { at: 'added_at', id: 'id', idOf: (r) => r.id },
      after,
      take,
    );
    return page.map(({ row, key }) => ({ evidence: row, key }));
  }

  /** The case's evidence, oldest first. */
  evidenceOf(manager: EntityManager, tenantId: string, caseId: string): Promise<Evidence[]> {
    return manager.find(Evidence, {
      where: { tenantId, caseId },
      order: { addedAt: 'ASC', id: 'ASC' },
    });
  }

  async complete(manager: EntityManager, tenantId: string, caseId: string): Promise<void> {
    await manager.update(
      Portfolio,
      { tenantId, caseId },
      { status: 'complete', completedAt: new Date() },
    );
  }
}
