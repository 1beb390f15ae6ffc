import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { pageByTime } from '@balanse/persistence';
import { Credential } from './credential.entity';

/** Credentials: every statement on the credential aggregate. */
@Injectable()
export class CredentialRepository {
  constructor(private readonly dataSource: DataSource) {}

  async existsForCase(manager: EntityManager, tenantId: string, caseId: string): Promise<boolean> {
    return manager.existsBy(Credential, { tenantId, caseId });
  }

  async insert(manager: EntityManager, credential: Credential): Promise<void> {
    // TypeORM cannot type `unknown` values of a jsonb column; `document` is plain JSON.
    await manager.insert(Credential, credential as never);
  }

  /**
   * One page of a case's credentials, oldest first: up to `take` after the keyset `after`
   * (`issued_at` in microseconds, the id).
   */
  async pageForCase(
    tenantId: string,
    caseId: string,
    after: string[] | null,
    take: number,
  ): Promise<Array<{ credential: Credential; key: [string, string] }>> {
    const query = this.dataSource
      .getRepository(Credential)
      .createQueryBuilder('c')
      .where('c.tenant_id = :tenantId AND c.case_id = :caseId', { tenantId, caseId });
    const page = await pageByTime(
      query,
      { at: 'issued_at', id: 'id', idOf: (r) => r.id },
      after,
      take,
    );
    return page.map(({ row, key }) => ({ credential: row, key }));
  }

  find(tenantId: string, id: string): Promise<Credential | null> {
    return this.dataSource.getRepository(Credential).findOneBy({ tenantId, id });
  }
}
