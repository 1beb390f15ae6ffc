import { Module } from '@nestjs/common';
import { AssessmentCommands, AssessmentEvents } from './assessment/assessment.handlers';
import { AssessmentRepository } from './assessment/assessment.repository';
import { AssessmentService } from './assessment/assessment.service';

@Module({
  providers: [AssessmentRepository, AssessmentService, AssessmentCommands, AssessmentEvents],
})
export class AssessModule {}
