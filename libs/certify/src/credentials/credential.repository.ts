import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { pageByTime } from '@balanse/persistence';
import type { EvidenceRefV1, RecipientHashV1 } from '@balanse/contracts';
import { Credential } from './credential.entity';

export interface IssuingFacts {
  issued: boolean;
  recipient: RecipientHashV1 | null;
  evidence: EvidenceRefV1[];
  profile: { name: string; url: string | null; image: string | null } | null;
}

/** Credentials: every statement on the credential aggregate. */
@Injectable()
export class CredentialRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * What issuing a case's credential reads, in one statement (the pipeline issues one per case):
   * whether it has one already, the recipient's hash, the evidence references and the tenant's
   * issuer profile (null: the default).
   */
  async issuing(manager: EntityManager, tenantId: string, caseId: string): Promise<IssuingFacts> {
    const rows: IssuingFacts[] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM credential WHERE tenant_id = $1 AND case_id = $2) AS issued,
              (SELECT json_build_object('identityHash', identity_hash, 'salt', salt,
                                        'identityType', identity_type)
                 FROM case_recipient WHERE tenant_id = $1 AND case_id = $2) AS recipient,
              COALESCE((SELECT evidence FROM case_evidence
                         WHERE tenant_id = $1 AND case_id = $2), '[]') AS evidence,
              (SELECT json_build_object('name', name, 'url', url, 'image', image)
                 FROM issuer_profile WHERE tenant_id = $1) AS profile`,
      [tenantId, caseId],
    );
    return rows[0]!;
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
