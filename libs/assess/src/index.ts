import type { ServiceDefinition } from '@balanse/runtime';
import { AssessModule } from './assess.module';
import { Assessment, OutcomeJudgement } from './assessment/assessment.entity';
import { AssessInit1764300000300 } from './migrations/1764300000300-assess-init';
import { AssessmentStandardOutcomes1795900000300 } from './migrations/1795900000300-assessment-standard-outcomes';
import { AssessmentTenantKey1796000000300 } from './migrations/1796000000300-assessment-tenant-key';
import { AssessmentStandardVersion1799000000300 } from './migrations/1799000000300-assessment-standard-version';

/** Assess (vurdere): per-outcome judgements and the decision. */
export const assessService: ServiceDefinition = {
  name: 'assess',
  module: AssessModule,
  entities: [Assessment, OutcomeJudgement],
  migrations: [
    AssessInit1764300000300,
    AssessmentStandardOutcomes1795900000300,
    AssessmentTenantKey1796000000300,
    AssessmentStandardVersion1799000000300,
  ],
};

export { decide } from './assessment/decision';
