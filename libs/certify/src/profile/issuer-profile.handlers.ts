import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import { Command, IssuerProfileDto, type CommandContext } from '@balanse/contracts';
import { IssuerProfileService } from './issuer-profile.service';

const C = Command.certify;

/** The tenant's issuer profile: read and set. */
@Controller()
export class IssuerProfileCommands {
  constructor(private readonly profiles: IssuerProfileService) {}

  @MessagePattern(C.getIssuerProfile)
  get(@Ctx() ctx: CommandContext) {
    return this.profiles.get(ctx.tenantId);
  }

  @MessagePattern(C.putIssuerProfile)
  put(@Ctx() ctx: CommandContext, @Payload('body') body: IssuerProfileDto) {
    return this.profiles.put(ctx, body);
  }
}
