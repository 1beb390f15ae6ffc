import { Module } from '@nestjs/common';
import { EvidenceCommands, EvidenceEvents } from './evidence/evidence.handlers';
import { EvidenceService } from './evidence/evidence.service';

@Module({ providers: [EvidenceService, EvidenceCommands, EvidenceEvents] })
export class DocumentModule {}
