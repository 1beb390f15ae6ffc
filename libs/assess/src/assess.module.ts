import { Module } from '@nestjs/common';
import { AssessmentCommands, AssessmentEvents } from './assessment/assessment.handlers';
import { AssessmentService } from './assessment/assessment.service';

@Module({ controllers: [AssessmentCommands, AssessmentEvents], providers: [AssessmentService] })
export class AssessModule {}
