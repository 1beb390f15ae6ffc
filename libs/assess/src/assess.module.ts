import { Module } from '@nestjs/common';
import { AssessmentCommands, AssessmentEvents } from './assessment/assessment.handlers';
import { AssessmentService } from './assessment/assessment.service';

@Module({ providers: [AssessmentService, AssessmentCommands, AssessmentEvents] })
export class AssessModule {}
