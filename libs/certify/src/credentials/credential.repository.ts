import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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

  listForCase(tenantId: string, caseId: string): Promise<Credential[]> {
    return this.dataSource
      .getRepository(Credential)
      .find({ where: { tenantId, caseId }, order: { issuedAt: 'ASC' } });
  }

  find(tenantId: string, id: string): Promise<Credential | null> {
    return this.dataSource.getRepository(Credential).findOneBy({ tenantId, id });
  }
}
