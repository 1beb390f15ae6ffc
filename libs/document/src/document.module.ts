import { Module } from '@nestjs/common';
import { EvidenceCommands, EvidenceEvents } from './evidence/evidence.handlers';
import { EvidenceService } from './evidence/evidence.service';
import { PortfolioRepository } from './evidence/portfolio.repository';

@Module({
  controllers: [EvidenceCommands, EvidenceEvents],
  providers: [PortfolioRepository, EvidenceService],
})
export class DocumentModule {}
