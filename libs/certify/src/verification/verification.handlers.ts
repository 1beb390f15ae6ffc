import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { Command, type CommandContext } from '@balanse/contracts';
import { IdPipe } from '@balanse/messaging';
import { VerificationService } from './verification.service';

const C = Command.certify;

/** Verification anyone can run (the gateway's public routes), and VC-JWT. */
@Controller()
export class VerificationQueries {
  constructor(private readonly verification: VerificationService) {}

  @MessagePattern(C.verifyCredential)
  verify(@Payload('body') body: unknown) {
    const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    // `summary`: the page's form also shows what the credential says (the API answers the result).
    return b.summary === true
      ? this.verification.verifyPresented(b.verifiableCredential)
      : this.verification.verify(b.verifiableCredential);
  }

  @MessagePattern(C.verifyStoredCredential)
  verifyStored(@Payload('id') id: unknown) {
    return this.verification.verifyStored(id);
  }

  @MessagePattern(C.credentialJwt)
  jwt(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return this.verification.jwt(ctx.tenantId, id);
  }
}
