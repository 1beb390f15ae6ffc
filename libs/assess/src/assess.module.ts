import { Module } from '@nestjs/common';
import { AssessmentCommands, AssessmentEvents } from './assessment/assessment.handlers';
import { AssessmentRepository } from './assessment/assessment.repository';
import { AssessmentService } from './assessment/assessment.service';

@Module({
  controllers: [AssessmentCommands, AssessmentEvents],
  providers: [AssessmentRepository, AssessmentService],
})
export class AssessModule {}
