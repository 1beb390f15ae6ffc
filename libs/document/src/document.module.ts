import { Module } from '@nestjs/common';
import { EvidenceCommands, EvidenceEvents } from './evidence/evidence.handlers';
import { EvidenceService } from './evidence/evidence.service';

@Module({ controllers: [EvidenceCommands, EvidenceEvents], providers: [EvidenceService] })
export class DocumentModule {}
