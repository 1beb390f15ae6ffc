import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { Command, type CommandContext } from '@balanse/contracts';
import { IdPipe } from '@balanse/messaging';
import { CertificatesService } from './certificates.service';

const C = Command.certify;

/** A credential as a printed certificate's facts and as a Europass (ELM) credential. */
@Controller()
export class CertificateQueries {
  constructor(private readonly certificates: CertificatesService) {}

  @MessagePattern(C.getCertificateFacts)
  facts(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return this.certificates.facts(ctx.tenantId, id);
  }

  @MessagePattern(C.getElmCredential)
  elm(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return this.certificates.elm(ctx.tenantId, id);
  }
}
