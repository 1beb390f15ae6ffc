import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  budgetedPage,
  CaseCertified,
  DomainError,
  ErrorCode,
  keysetAfter,
  pageLimit,
  type CaseAssessedV2,
  type RecipientHashV1,
  type PageQueryDto,
} from '@balanse/contracts';
import type { Tx } from '@balanse/messaging';
import { achievementCredential, identityHash, signCredential } from '@balanse/credentials';
import { IssuerConfig } from '../issuer/issuer-config';
import { DEFAULT_ISSUER } from '../profile/issuer-profile.service';
import { AnnouncedStandards } from '../standards/announced-standards';
import { statusEntry } from '../status/status-credential';
import { StatusSlots, statusListUrl } from '../status/status-slots';
import { credentialStatusView } from '../revocation/credential-status';
import { achievementInput } from './achievement';
import { credentialKind, standardCoverage } from './credential-document';
import type { Credential } from './credential.entity';
import { CredentialRepository } from './credential.repository';

/** Names the list in its cursors. */
const CREDENTIAL_LIST = 'credentials';

@Injectable()
export class CredentialsService {
  constructor(
    private readonly credentials: CredentialRepository,
    private readonly standards: AnnouncedStandards,
    private readonly slots: StatusSlots,
    private readonly issuer: IssuerConfig,
  ) {}

  /**
   * `case.assessed`: issue the signed credential for what was met (nothing for not_certified).
   * Waits (the event is retried) until the standard version's content has arrived.
   */
  async issue(tx: Tx, data: CaseAssessedV2): Promise<void> {
    const kind = credentialKind(data.decision);
    if (!kind) return;
    const { caseId, standardId, met, standardOutcomeIds } = data;
    const facts = await this.credentials.issuing(tx.manager, tx.tenantId, caseId);
    // One credential per case decision: a repeated event finds it issued.
    if (facts.issued) return;
    const standardVersion = data.standardVersion ?? null;
    const standard = await this.standards.find(
      tx.manager,
      tx.tenantId,
      standardId,
      standardVersion,
    );
    if (!standard)
      throw new Error(
        `standard ${standardId} version ${standardVersion ?? '(latest)'} has not been announced to certify yet; retried`,
      );
    const id = randomUUID();
    const issuedAt = new Date();
    const recipient = facts.recipient ?? caseRecipient(caseId);
    const slot = await this.slots.allocate(tx.manager);
    const { publicUrl } = this.issuer;
    const profile = facts.profile ?? DEFAULT_ISSUER;
    const unsigned = achievementCredential(
      achievementInput({
        id,
        issuedAt,
        publicUrl,
        issuer: {
          id: this.issuer.did,
          name: profile.name,
          ...(profile.url ? { url: profile.url } : {}),
          ...(profile.image ? { image: profile.image } : {}),
        },
        standard,
        kind,
        met,
        assessed: [...met, ...data.partlyMet, ...data.notMet],
        recipient,
        evidence: facts.evidence,
        credentialStatus: {
          ...statusEntry(
            statusListUrl(publicUrl, slot.list, 'revocation'),
            'revocation',
            slot.index,
          ),
        },
      }),
    );
    const document = await signCredential(unsigned, this.issuer.signingKey, { created: issuedAt });
    await this.credentials.insert(tx.manager, {
      id,
      tenantId: tx.tenantId,
      caseId,
      standardId,
      kind,
      outcomeIds: met,
      standardOutcomeIds,
      standardVersion: standard.version,
      issuedAt,
      document,
      statusList: slot.list,
      statusIndex: slot.index,
      recipientHash: recipient.identityHash,
      revokedAt: null,
      revocationReason: null,
      suspendedAt: null,
      suspensionReason: null,
    });
    await tx.emit(CaseCertified, caseId, {
      caseId,
      credentialId: id,
      result: kind === 'full' ? 'certified' : 'partial',
      outcomeIds: met,
      standardVersion: standard.version,
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

/**
 * A case opened before identify sent the recipient's hash: the credential names the case
 * (hashed), which the employer can tie to the person.
 */
function caseRecipient(caseId: string): RecipientHashV1 {
  const salt = randomBytes(16).toString('hex');
  return {
    identityHash: identityHash(`urn:uuid:${caseId}`, salt),
    salt,
    identityType: 'identifier',
  };
}

/** The credential as the API shows it: the outcomes it covers and how much of the standard that is. */
export function view(c: Credential) {
  return {
    id: c.id,
    caseId: c.caseId,
    standardId: c.standardId,
    standardVersion: c.standardVersion,
    kind: c.kind,
    outcomeIds: c.outcomeIds,
    ...standardCoverage(c.outcomeIds, c.standardOutcomeIds),
    issuedAt: c.issuedAt.toISOString(),
    ...credentialStatusView(c),
    credential: c.document,
  };
}
