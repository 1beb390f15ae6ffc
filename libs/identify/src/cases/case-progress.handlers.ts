import { Injectable } from '@nestjs/common';
import {
  CaseAssessed,
  CaseCertified,
  CaseDocumented,
  type CaseAssessedV1,
  type CaseCertifiedV1,
  type CaseDocumentedV1,
} from '@balanse/contracts';
import { OnEvent, type DomainEvent, type Tx } from '@balanse/messaging';
import { CasesService } from './cases.service';

/** Follows the later phases so that GET /cases/{id} shows where each case is. */
@Injectable()
export class CaseProgressHandlers {
  constructor(private readonly cases: CasesService) {}

  @OnEvent(CaseDocumented)
  async documented(event: DomainEvent<CaseDocumentedV1>, tx: Tx) {
    await this.cases.advance(tx, event.subject, 'assess', 'documented', event.time, {
      evidenceCount: event.data.evidenceCount,
    });
  }

  @OnEvent(CaseAssessed)
  async assessed(event: DomainEvent<CaseAssessedV1>, tx: Tx) {
    const { decision, met, partlyMet, notMet } = event.data;
    const detail = {
      decision,
      met: met.length,
      partlyMet: partlyMet.length,
      notMet: notMet.length,
    };
    // Nothing to certify when nothing was met: the case ends here.
    if (decision === 'not_certified')
      await this.cases.advance(
        tx,
        event.subject,
        'completed',
        'assessed',
        event.time,
        detail,
        'not_certified',
      );
    else await this.cases.advance(tx, event.subject, 'certify', 'assessed', event.time, detail);
  }

  @OnEvent(CaseCertified)
  async certified(event: DomainEvent<CaseCertifiedV1>, tx: Tx) {
    const { credentialId, result } = event.data;
    await this.cases.advance(
      tx,
      event.subject,
      'completed',
      'certified',
      event.time,
      { credentialId, result },
      result,
    );
  }
}
