import {
  Module,
  type DynamicModule,
  type INestApplication,
  type LoggerService,
  type LogLevel,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { IncomingMessage } from 'node:http';
import { HealthModule, withTiming } from '@balanse/runtime';
import { DeadLettersController } from './admin/dead-letters.controller';
import { BulkController } from './bulk/bulk.controller';
import { CandidatesController } from './candidates/candidates.controller';
import { AssessController } from './cases/assess.controller';
import { CasesController } from './cases/cases.controller';
import { DocumentController } from './cases/document.controller';
import { CertificatesController } from './credentials/certificates.controller';
import { CredentialsController } from './credentials/credentials.controller';
import { IssuerProfileController } from './credentials/issuer-profile.controller';
import { CredentialStatusController } from './credentials/credential-status.controller';
import { IssuerPublicController } from './credentials/issuer-public.controller';
import { VerifyController } from './verify/verify.controller';
import { OutcomesController } from './outcomes/outcomes.controller';
import { VerifyPageController } from './verify/verify-page.controller';
import { AuthGuard } from './http/auth.guard';
import { ContractPipe } from './http/body.pipe';
import { ErrorsFilter } from './http/errors.filter';
import { GATEWAY_OPTIONS, jsonBodyLimit, type GatewayOptions } from './http/gateway-options';
import { JsonBodyGuard } from './http/json-body.guard';
import { apiDocument, DOCS_PATH } from './openapi/api-document';
import { ServiceClient } from './http/service-client';
import { NeedsController } from './needs/needs.controller';
import { CaseBindingController } from './standards/case/case-binding.controller';
import {
  CASE_IMPORT_PATH,
  CaseExchangeController,
} from './standards/case/case-exchange.controller';
import { StandardsController } from './standards/standards.controller';
import { StatisticsController } from './statistics/statistics.controller';
import { WebhooksController } from './webhooks/webhooks.controller';

@Module({})
export class GatewayModule {
  static forRoot(options: GatewayOptions): DynamicModule {
    return {
      module: GatewayModule,
      imports: [HealthModule.with(options.readiness, options.metrics)],
      controllers: [
        // Before StandardsController: /standards/import/case is not a standard id.
        CaseExchangeController,
        StandardsController,
        CaseBindingController,
        // Before CasesController: /cases/bulk/… is not a case id.
        BulkController,
        CasesController,
        CandidatesController,
        DocumentController,
        AssessController,
        VerifyController,
        VerifyPageController,
        CredentialsController,
        CertificatesController,
        IssuerProfileController,
        CredentialStatusController,
        IssuerPublicController,
        OutcomesController,
        DeadLettersController,
        NeedsController,
        WebhooksController,
        StatisticsController,
      ],
      providers: [
        { provide: GATEWAY_OPTIONS, useValue: options },
        ServiceClient,
        AuthGuard,
        // Global guards run in this order: the token first, then the body's type.
        { provide: APP_GUARD, useClass: PublicAwareAuthGuard },
        { provide: APP_GUARD, useClass: JsonBodyGuard },
        { provide: APP_PIPE, useClass: ContractPipe },
        { provide: APP_FILTER, useClass: ErrorsFilter },
      ],
    };
  }
}

const PUBLIC_PATHS = new Set(['/health', '/ready', '/metrics']);

/** Health probes and metrics answer without a token; everything else needs one (or `@Public()`). */
class PublicAwareAuthGuard extends AuthGuard {
  override canActivate(ctx: Parameters<AuthGuard['canActivate']>[0]): boolean {
    const path = ctx.switchToHttp().getRequest<{ path: string }>().path;
    return PUBLIC_PATHS.has(path) || super.canActivate(ctx);
  }
}

/**
 * Builds the HTTP app: a JSON body limit that follows the bus's max payload (1 MiB by default,
 * less the command envelope's room), OpenAPI at /api/docs (JSON at /api/docs-json).
 */
export async function createGatewayApp(
  options: GatewayOptions,
  logger?: LoggerService | LogLevel[] | false,
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot(options), {
    bodyParser: false,
    logger,
    abortOnError: false,
  });
  withTiming(app);
  app.useBodyParser('json', {
    limit: jsonBodyLimit(options),
    // A CASE package is JSON the route streams itself, under its own limit.
    type: (req: IncomingMessage) =>
      !req.url?.startsWith(CASE_IMPORT_PATH) &&
      /^\s*application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? ''),
  });
  app.disable('x-powered-by');
  app.set('etag', false); // answers change with every step of a case: hashing each body buys nothing
  SwaggerModule.setup(DOCS_PATH, app, () => apiDocument(app), {
    customSiteTitle: 'Balanse API',
  });
  return app;
}
