import { Module } from '@nestjs/common';
import { CaseCommands } from './cases/cases.handlers';
import { CaseProgressHandlers } from './cases/case-progress.handlers';
import { CaseRepository } from './cases/case.repository';
import { CasesService } from './cases/cases.service';
import { StandardCommands } from './standards/standards.handlers';
import { StandardRepository } from './standards/standard.repository';
import { StandardsService } from './standards/standards.service';

@Module({
  providers: [
    StandardRepository,
    StandardsService,
    StandardCommands,
    CaseRepository,
    CasesService,
    CaseCommands,
    CaseProgressHandlers,
  ],
})
export class IdentifyModule {}
