import { Module } from '@nestjs/common';
import { EvidenceCommands, EvidenceEvents } from './evidence/evidence.handlers';
import { EvidenceService } from './evidence/evidence.service';
import { PortfolioRepository } from './evidence/portfolio.repository';

@Module({ providers: [PortfolioRepository, EvidenceService, EvidenceCommands, EvidenceEvents] })
export class DocumentModule {}
