import type { ServiceDefinition } from '@balanse/runtime';
import { Candidate, CaseHistoryEntry, CaseRecord } from './cases/case.entity';
import { IdentifyModule } from './identify.module';
import { IdentifyInit1764300000100 } from './migrations/1764300000100-identify-init';
import { BulkJobs1798000000700 } from './migrations/1798000000700-bulk-jobs';
import { seedStandards } from './standards/seed/avdelingsleder';
import { Standard } from './standards/standard.entity';

/** Identify (identifisere): standards, candidates, cases, scope and self-assessment. */
export const identifyService: ServiceDefinition = {
  name: 'identify',
  module: IdentifyModule,
  entities: [Standard, Candidate, CaseRecord, CaseHistoryEntry],
  migrations: [IdentifyInit1764300000100, BulkJobs1798000000700],
  seed: seedStandards,
};

export { AVDELINGSLEDER, AVDELINGSLEDER_ID } from './standards/seed/avdelingsleder';
