import { Module } from '@nestjs/common';
import { BulkCommands } from './bulk/bulk.handlers';
import { BulkJobRepository } from './bulk/bulk.repository';
import { BulkService } from './bulk/bulk.service';
import { CaseCommands } from './cases/cases.handlers';
import { CaseProgressHandlers } from './cases/case-progress.handlers';
import { CaseRepository } from './cases/case.repository';
import { CasesService } from './cases/cases.service';
import { StandardCommands } from './standards/standards.handlers';
import { StandardRepository } from './standards/standard.repository';
import { StandardsService } from './standards/standards.service';

@Module({
  controllers: [StandardCommands, CaseCommands, CaseProgressHandlers, BulkCommands],
  providers: [
    StandardRepository,
    StandardsService,
    CaseRepository,
    CasesService,
    BulkJobRepository,
    BulkService,
  ],
})
export class IdentifyModule {}
