import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CaseAssessed,
  CaseAssessedV2,
  CaseCertified,
  CaseCertifiedV1,
  CaseDocumented,
  CaseDocumentedV2,
} from '@balanse/contracts';
import { EventContext } from '@balanse/messaging';
import { CasesService } from './cases.service';

/** Follows the later phases so that GET /cases/{id} shows where each case is. */
@Controller()
export class CaseProgressHandlers {
  constructor(private readonly cases: CasesService) {}

  @EventPattern(CaseDocumented.type)
  documented(@Payload() data: CaseDocumentedV2, @Ctx() { event, tx }: EventContext) {
    return this.cases.documented(tx, data, event.time);
  }

  @EventPattern(CaseAssessed.type)
  assessed(@Payload() data: CaseAssessedV2, @Ctx() { event, tx }: EventContext) {
    return this.cases.assessed(tx, data, event.time);
  }

  @EventPattern(CaseCertified.type)
  certified(@Payload() data: CaseCertifiedV1, @Ctx() { event, tx }: EventContext) {
    return this.cases.certified(tx, data, event.time);
  }
}
