import type { ServiceDefinition } from '@balanse/runtime';
import { Candidate, CaseHistoryEntry, CaseRecord } from './cases/case.entity';
import { IdentifyModule } from './identify.module';
import { IdentifyInit1764300000100 } from './migrations/1764300000100-identify-init';
import { StandardVersions1797000000100 } from './migrations/1797000000100-standard-versions';
import { seedStandards } from './standards/seed/avdelingsleder';
import { StandardRecord, StandardVersionRecord } from './standards/standard.entity';

/** Identify (identifisere): standards, candidates, cases, scope and self-assessment. */
export const identifyService: ServiceDefinition = {
  name: 'identify',
  module: IdentifyModule,
  entities: [StandardRecord, StandardVersionRecord, Candidate, CaseRecord, CaseHistoryEntry],
  migrations: [IdentifyInit1764300000100, StandardVersions1797000000100],
  seed: seedStandards,
};

export { AVDELINGSLEDER, AVDELINGSLEDER_ID } from './standards/seed/avdelingsleder';
