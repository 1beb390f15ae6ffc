import { Injectable } from '@nestjs/common';
import {
  CaseAssessed,
  CaseCertified,
  CaseDocumented,
  type CaseAssessedV2,
  type CaseCertifiedV1,
  type CaseDocumentedV2,
} from '@balanse/contracts';
import { OnEvent, type DomainEvent, type Tx } from '@balanse/messaging';
import { CasesService } from './cases.service';

/** Follows the later phases so that GET /cases/{id} shows where each case is. */
@Injectable()
export class CaseProgressHandlers {
  constructor(private readonly cases: CasesService) {}

  @OnEvent(CaseDocumented)
  documented(event: DomainEvent<CaseDocumentedV2>, tx: Tx) {
    return this.cases.documented(tx, event.data, event.time);
  }

  @OnEvent(CaseAssessed)
  assessed(event: DomainEvent<CaseAssessedV2>, tx: Tx) {
    return this.cases.assessed(tx, event.data, event.time);
  }

  @OnEvent(CaseCertified)
  certified(event: DomainEvent<CaseCertifiedV1>, tx: Tx) {
    return this.cases.certified(tx, event.data, event.time);
  }
}
