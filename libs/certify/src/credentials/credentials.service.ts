import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CaseCertified, DomainError, ErrorCode, type CaseAssessedV1 } from '@balanse/contracts';
import type { Tx } from '@balanse/messaging';
import { Credential } from './credential.entity';

@Injectable()
export class CredentialsService {
  constructor(private readonly dataSource: DataSource) {}

  /** `case.assessed`: issue a credential for what was met (nothing for not_certified). */
  async issue(tx: Tx, data: CaseAssessedV1): Promise<void> {
    if (data.decision === 'not_certified') return;
    const existing = await tx.manager.findOneBy(Credential, {
      tenantId: tx.tenantId,
      caseId: data.caseId,
    });
    if (existing) return; // one credential per case decision
    const id = randomUUID();
    const issuedAt = new Date();
    const kind = data.decision === 'certified' ? 'full' : 'partial';
    const credential: Credential = {
      id,
      tenantId: tx.tenantId,
      caseId: data.caseId,
      standardId: data.standardId,
      kind,
      outcomeIds: data.met,
      issuedAt,
      document: {
        '@context': [
          'https://www.w3.org/ns/credentials/v2',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ],
        id: `urn:uuid:${id}`,
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        validFrom: issuedAt.toISOString(),
        credentialSubject: {
          type: ['AchievementSubject'],
          achievement: {
            id: `urn:uuid:${data.standardId}`,
            type: ['Achievement'],
            achievementType: kind === 'full' ? 'Certificate' : 'Competency',
            criteria: {
              narrative:
                kind === 'full'
                  ? 'All learning outcomes in scope were met.'
                  : 'The listed learning outcomes were met.',
            },
          },
          result: data.met.map((outcomeId) => ({
            type: ['Result'],
            resultDescription: `urn:uuid:${outcomeId}`,
            status: 'Completed',
          })),
        },
      },
    };
    await tx.manager.insert(Credential, credential as never);
    await tx.emit(CaseCertified, data.caseId, {
      caseId: data.caseId,
      credentialId: id,
      result: data.decision,
      outcomeIds: data.met,
    });
  }

  async listForCase(tenantId: string, caseId: string) {
    const rows = await this.dataSource
      .getRepository(Credential)
      .find({ where: { tenantId, caseId }, order: { issuedAt: 'ASC' } });
    return rows.map(view);
  }

  async get(tenantId: string, id: string) {
    const row = await this.dataSource.getRepository(Credential).findOneBy({ tenantId, id });
    if (!row) throw DomainError.notFound(ErrorCode.CREDENTIAL_NOT_FOUND, 'credential', id);
    return view(row);
  }
}

function view(c: Credential) {
  return {
    id: c.id,
    caseId: c.caseId,
    standardId: c.standardId,
    kind: c.kind,
    outcomeIds: c.outcomeIds,
    issuedAt: c.issuedAt.toISOString(),
    credential: c.document,
  };
}
