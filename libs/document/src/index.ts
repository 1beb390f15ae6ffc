import type { ServiceDefinition } from '@balanse/runtime';
import { DocumentModule } from './document.module';
import { Evidence, Portfolio } from './evidence/portfolio.entity';
import { DocumentInit1764300000200 } from './migrations/1764300000200-document-init';
import { PortfolioStandardOutcomes1795900000200 } from './migrations/1795900000200-portfolio-standard-outcomes';
import { PortfolioTenantKey1796000000200 } from './migrations/1796000000200-portfolio-tenant-key';
import { PortfolioStandardVersion1799000000200 } from './migrations/1799000000200-portfolio-standard-version';

/** Document (dokumentere): evidence portfolios linked to the outcomes in scope. */
export const documentService: ServiceDefinition = {
  name: 'document',
  module: DocumentModule,
  entities: [Portfolio, Evidence],
  migrations: [
    DocumentInit1764300000200,
    PortfolioStandardOutcomes1795900000200,
    PortfolioTenantKey1796000000200,
    PortfolioStandardVersion1799000000200,
  ],
};
