import { Module } from '@nestjs/common';
import { CaseCommands } from './cases/cases.handlers';
import { CaseProgressHandlers } from './cases/case-progress.handlers';
import { CasesService } from './cases/cases.service';
import { StandardCommands } from './standards/standards.handlers';
import { StandardsService } from './standards/standards.service';

@Module({
  controllers: [StandardCommands, CaseCommands, CaseProgressHandlers],
  providers: [StandardsService, CasesService],
})
export class IdentifyModule {}
