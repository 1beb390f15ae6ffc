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
import { WebhooksService } from '../webhooks/webhooks.service';
import { CasesService } from './cases.service';

/**
 * Follows the later phases so that GET /cases/{id} shows where each case is, and queues each
 * report for the tenant's webhooks in the same inbox transaction.
 */
@Controller()
export class CaseProgressHandlers {
  constructor(
    private readonly cases: CasesService,
    private readonly webhooks: WebhooksService,
  ) {}

  @EventPattern(CaseDocumented.type)
  async documented(@Payload() data: CaseDocumentedV2, @Ctx() { event, tx }: EventContext) {
    await this.cases.documented(tx, data, event.time);
    await this.webhooks.enqueue(tx, event);
  }

  @EventPattern(CaseAssessed.type)
  async assessed(@Payload() data: CaseAssessedV2, @Ctx() { event, tx }: EventContext) {
    await this.cases.assessed(tx, data, event.time);
    await this.webhooks.enqueue(tx, event);
  }

  @EventPattern(CaseCertified.type)
  async certified(@Payload() data: CaseCertifiedV1, @Ctx() { event, tx }: EventContext) {
    await this.cases.certified(tx, data, event.time);
    await this.webhooks.enqueue(tx, event);
  }
}
