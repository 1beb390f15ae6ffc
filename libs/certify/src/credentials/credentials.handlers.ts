import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  CaseAssessed,
  CaseAssessedV2,
  Command,
  PageQueryDto,
  type CommandContext,
} from '@balanse/contracts';
import { EventContext, IdPipe } from '@balanse/messaging';
import { CredentialsService } from './credentials.service';

const C = Command.certify;

/** Queries on issued credentials. */
@Controller()
export class CredentialQueries {
  constructor(private readonly credentials: CredentialsService) {}

  @MessagePattern(C.listCaseCredentials)
  listForCase(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('query') query: PageQueryDto,
  ) {
    return this.credentials.listForCase(ctx.tenantId, id, query);
  }

  @MessagePattern(C.getCredential)
  get(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return this.credentials.get(ctx.tenantId, id);
  }
}

/** `case.assessed` issues the credential for what was met. */
@Controller()
export class CredentialEvents {
  constructor(private readonly credentials: CredentialsService) {}

  @EventPattern(CaseAssessed.type)
  assessed(@Payload() data: CaseAssessedV2, @Ctx() { tx }: EventContext) {
    return this.credentials.issue(tx, data);
  }
}
