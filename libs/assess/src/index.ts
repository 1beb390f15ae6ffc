import type { ServiceDefinition } from '@balanse/runtime';
import { AssessModule } from './assess.module';
import { Assessment, OutcomeJudgement } from './assessment/assessment.entity';
import { AssessInit1764300000300 } from './migrations/1764300000300-assess-init';

/** Assess (vurdere): per-outcome judgements and the decision. */
export const assessService: ServiceDefinition = {
  name: 'assess',
  module: AssessModule,
  entities: [Assessment, OutcomeJudgement],
  migrations: [AssessInit1764300000300],
};

export { decide } from './assessment/decision';
