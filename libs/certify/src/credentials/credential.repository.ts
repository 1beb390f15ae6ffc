import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { fromMicros, microsOf } from '@balanse/persistence';
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
      .addSelect(microsOf('c.issued_at'), 'key_at')
      .where('c.tenant_id = :tenantId AND c.case_id = :caseId', { tenantId, caseId })
      .orderBy('c.issued_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(take);
    if (after)
      query.andWhere(`(c.issued_at, c.id) > (${fromMicros(':at')}, CAST(:id AS uuid))`, {
        at: after[0],
        id: after[1],
      });
    const { entities, raw } = await query.getRawAndEntities<{ key_at: string; c_id: string }>();
    const at = new Map(raw.map((r) => [r.c_id, r.key_at]));
    return entities.map((credential) => ({
      credential,
      key: [at.get(credential.id)!, credential.id],
    }));
  }

  find(tenantId: string, id: string): Promise<Credential | null> {
    return this.dataSource.getRepository(Credential).findOneBy({ tenantId, id });
  }
}
