import type { ServiceDefinition } from '@balanse/runtime';
import { Candidate, CaseHistoryEntry, CaseRecord } from './cases/case.entity';
import { IdentifyModule } from './identify.module';
import { IdentifyInit1764300000100 } from './migrations/1764300000100-identify-init';
import { IdentifyNeeds1797000000300 } from './migrations/1797000000300-identify-needs';
import { Need } from './needs/need.entity';
import { seedBatteryNeed } from './needs/seed/battery';
import { Webhooks1797000000800 } from './migrations/1797000000800-webhooks';
import { StandardVersions1797000000100 } from './migrations/1797000000100-standard-versions';
import { BulkJobs1798000000700 } from './migrations/1798000000700-bulk-jobs';
import { WebhookSecretSealed1798000000900 } from './migrations/1798000000900-webhook-secret-sealed';
import { StandardExchange1799000000100 } from './migrations/1799000000100-standard-exchange';
import { StandardAnnouncement1799000000600 } from './migrations/1799000000600-standard-announcement';
import { seedStandards } from './standards/seed/avdelingsleder';
import { StandardRecord, StandardVersionRecord } from './standards/standard.entity';

/** Identify (identifisere): standards, candidates, cases, scope and self-assessment. */
export const identifyService: ServiceDefinition = {
  name: 'identify',
  module: IdentifyModule,
  entities: [StandardRecord, StandardVersionRecord, Candidate, CaseRecord, CaseHistoryEntry, Need],
  migrations: [
    IdentifyInit1764300000100,
    StandardVersions1797000000100,
    IdentifyNeeds1797000000300,
    Webhooks1797000000800,
    BulkJobs1798000000700,
    WebhookSecretSealed1798000000900,
    StandardExchange1799000000100,
    StandardAnnouncement1799000000600,
  ],
  // Webhook signing secrets are stored encrypted (webhooks/webhook-secrets.ts).
  needsSecretKeys: true,
  seed: async (dataSource) => {
    await seedStandards(dataSource);
    await seedBatteryNeed(dataSource);
  },
};

export { AVDELINGSLEDER, AVDELINGSLEDER_ID } from './standards/seed/avdelingsleder';
export { BATTERY_NEED_ID, BATTERY_OPERATOR_ID } from './needs/seed/battery';
