import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  budgetedPage,
  CaseCertified,
  DomainError,
  ErrorCode,
  keysetAfter,
  pageLimit,
  type CaseAssessedV2,
  type PageQueryDto,
} from '@balanse/contracts';
import type { Tx } from '@balanse/messaging';
import { credentialDocument, credentialKind, standardCoverage } from './credential-document';
import type { Credential } from './credential.entity';
import { CredentialRepository } from './credential.repository';

/** Names the list in its cursors. */
const CREDENTIAL_LIST = 'credentials';

@Injectable()
export class CredentialsService {
  constructor(private readonly credentials: CredentialRepository) {}

  /** `case.assessed`: issue a credential for what was met (nothing for not_certified). */
  async issue(tx: Tx, data: CaseAssessedV2): Promise<void> {
    const kind = credentialKind(data.decision);
    if (!kind) return;
    // One credential per case decision: a repeated event finds it issued.
    if (await this.credentials.existsForCase(tx.manager, tx.tenantId, data.caseId)) return;
    const id = randomUUID();
    const issuedAt = new Date();
    const { caseId, standardId, met, standardOutcomeIds } = data;
    const standardVersion = data.standardVersion ?? null;
    await this.credentials.insert(tx.manager, {
      id,
      tenantId: tx.tenantId,
      caseId,
      standardId,
      kind,
      outcomeIds: met,
      standardOutcomeIds,
      standardVersion,
      issuedAt,
      document: credentialDocument({ id, issuedAt, standardId, kind, met, standardOutcomeIds }),
    });
    await tx.emit(CaseCertified, caseId, {
      caseId,
      credentialId: id,
      result: kind === 'full' ? 'certified' : 'partial',
      outcomeIds: met,
      ...(standardVersion ? { standardVersion } : {}),
    });
  }

  /** A page of the case's credentials, oldest first. */
  async listForCase(tenantId: string, caseId: string, query?: PageQueryDto) {
    const after = keysetAfter(CREDENTIAL_LIST, query, ['micros', 'uuid']);
    const limit = pageLimit(query);
    const rows = await this.credentials.pageForCase(tenantId, caseId, after, limit + 1);
    return budgetedPage(
      CREDENTIAL_LIST,
      rows,
      limit,
      (r) => r.key,
      (r) => view(r.credential),
    );
  }

  async get(tenantId: string, id: string) {
    const credential = await this.credentials.find(tenantId, id);
    if (!credential) throw DomainError.notFound(ErrorCode.CREDENTIAL_NOT_FOUND, 'credential', id);
    return view(credential);
  }
}

/** The credential as the API shows it: the outcomes it covers and how much of the standard that is. */
function view(c: Credential) {
  return {
    id: c.id,
    caseId: c.caseId,
    standardId: c.standardId,
    standardVersion: c.standardVersion,
    kind: c.kind,
    outcomeIds: c.outcomeIds,
    ...standardCoverage(c.outcomeIds, c.standardOutcomeIds),
    issuedAt: c.issuedAt.toISOString(),
    credential: c.document,
  };
}
