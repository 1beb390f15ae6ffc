import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Command } from '@balanse/contracts';
import { AnnouncedOutcomes } from './announced-outcome';

/** Public: the learning outcomes credentials align to. */
@Controller()
export class OutcomeQueries {
  constructor(private readonly outcomes: AnnouncedOutcomes) {}

  @MessagePattern(Command.certify.getAnnouncedOutcome)
  get(
    @Payload('standardId') standardId: unknown,
    @Payload('version') version: unknown,
    @Payload('outcomeId') outcomeId: unknown,
  ) {
    return this.outcomes.get(standardId, version, outcomeId);
  }
}
