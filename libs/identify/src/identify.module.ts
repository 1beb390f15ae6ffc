import { Module } from '@nestjs/common';
import { CaseCommands } from './cases/cases.handlers';
import { CaseProgressHandlers } from './cases/case-progress.handlers';
import { CaseRepository } from './cases/case.repository';
import { CasesService } from './cases/cases.service';
import { StandardCommands } from './standards/standards.handlers';
import { StandardRepository } from './standards/standard.repository';
import { StandardsService } from './standards/standards.service';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({
  imports: [WebhooksModule],
  controllers: [StandardCommands, CaseCommands, CaseProgressHandlers],
  providers: [StandardRepository, StandardsService, CaseRepository, CasesService],
})
export class IdentifyModule {}
