import { Module } from '@nestjs/common';
import { BulkSettings } from './bulk/bulk-settings';
import { BulkCommands } from './bulk/bulk.handlers';
import { BulkJobRepository } from './bulk/bulk.repository';
import { BulkService } from './bulk/bulk.service';
import { CaseCommands } from './cases/cases.handlers';
import { CaseProgressHandlers } from './cases/case-progress.handlers';
import { CaseListRepository } from './cases/case-list.repository';
import { CaseRepository } from './cases/case.repository';
import { NeedCommands } from './needs/needs.handlers';
import { NeedRepository } from './needs/need.repository';
import { NeedsService } from './needs/needs.service';
import { CasesService } from './cases/cases.service';
import { StandardCommands } from './standards/standards.handlers';
import { StandardRepository } from './standards/standard.repository';
import { StandardsService } from './standards/standards.service';
import { StandardAnnouncer } from './standards/standard-announcer';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [WebhooksModule],
  controllers: [StandardCommands, CaseCommands, CaseProgressHandlers, NeedCommands, BulkCommands],
  providers: [
    StandardRepository,
    StandardsService,
    StandardAnnouncer,
    CaseRepository,
    CasesService,
    NeedRepository,
    NeedsService,
    CaseListRepository,
    { provide: BulkSettings, useFactory: () => BulkSettings.fromEnv() },
    BulkJobRepository,
    BulkService,
  ],
})
export class IdentifyModule {}
