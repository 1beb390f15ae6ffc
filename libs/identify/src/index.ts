import type { ServiceDefinition } from '@balanse/runtime';
import { Candidate, CaseHistoryEntry, CaseRecord } from './cases/case.entity';
import { IdentifyModule } from './identify.module';
import { IdentifyInit1764300000100 } from './migrations/1764300000100-identify-init';
import { Webhooks1764300000800 } from './migrations/1764300000800-webhooks';
import { seedStandards } from './standards/seed/avdelingsleder';
import { Standard } from './standards/standard.entity';

/** Identify (identifisere): standards, candidates, cases, scope and self-assessment. */
export const identifyService: ServiceDefinition = {
  name: 'identify',
  module: IdentifyModule,
  entities: [Standard, Candidate, CaseRecord, CaseHistoryEntry],
  migrations: [IdentifyInit1764300000100, Webhooks1764300000800],
  seed: seedStandards,
};

export { AVDELINGSLEDER, AVDELINGSLEDER_ID } from './standards/seed/avdelingsleder';
