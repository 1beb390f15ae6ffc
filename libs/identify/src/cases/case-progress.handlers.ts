import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CaseAssessed,
  CaseAssessedV1,
  CaseCertified,
  CaseCertifiedV1,
  CaseDocumented,
  CaseDocumentedV1,
} from '@balanse/contracts';
import { EventContext } from '@balanse/messaging';
import { CasesService } from './cases.service';

/** Follows the later phases so that GET /cases/{id} shows where each case is. */
@Controller()
export class CaseProgressHandlers {
  constructor(private readonly cases: CasesService) {}

  @EventPattern(CaseDocumented.type)
  documented(@Payload() data: CaseDocumentedV1, @Ctx() { event, tx }: EventContext) {
    return this.cases.recordDocumented(tx, event, data);
  }

  @EventPattern(CaseAssessed.type)
  assessed(@Payload() data: CaseAssessedV1, @Ctx() { event, tx }: EventContext) {
    return this.cases.recordAssessed(tx, event, data);
  }

  @EventPattern(CaseCertified.type)
  certified(@Payload() data: CaseCertifiedV1, @Ctx() { event, tx }: EventContext) {
    return this.cases.recordCertified(tx, event, data);
  }
}
