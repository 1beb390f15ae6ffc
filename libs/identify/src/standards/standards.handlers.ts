import { Controller, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  Command,
  CreateStandardDto,
  PageQueryDto,
  PatchStandardDto,
  StandardVersionQueryDto,
  validationError,
  type CommandContext,
} from '@balanse/contracts';
import { IdPipe } from '@balanse/messaging';
import { StandardsService, standardView } from './standards.service';

const C = Command.identify;

/** `@Payload('version', VersionPipe)`: a version number in the path, 1 and up. */
@Injectable()
class VersionPipe implements PipeTransform<unknown, number> {
  transform(value: unknown, { data }: ArgumentMetadata): number {
    if (typeof value !== 'string' || !/^[1-9][0-9]{0,5}$/.test(value))
      throw validationError([
        { field: data ?? 'version', message: 'must be a version number, an integer from 1' },
      ]);
    return Number(value);
  }
}

/** Queries and commands on competence standards and their versions. */
@Controller()
export class StandardCommands {
  constructor(private readonly standards: StandardsService) {}

  @MessagePattern(C.listStandards)
  list(@Ctx() ctx: CommandContext, @Payload('query') query: PageQueryDto) {
    return this.standards.list(ctx.tenantId, query);
  }

  @MessagePattern(C.getStandard)
  async get(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('query') query: StandardVersionQueryDto,
  ) {
    return standardView(await this.standards.get(ctx.tenantId, id, query?.version));
  }

  @MessagePattern(C.createStandard)
  create(@Ctx() ctx: CommandContext, @Payload('body') body: CreateStandardDto) {
    return this.standards.create(ctx, body);
  }

  @MessagePattern(C.listStandardVersions)
  versions(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('query') query: PageQueryDto,
  ) {
    return this.standards.versions(ctx.tenantId, id, query);
  }

  @MessagePattern(C.newStandardVersion)
  newDraft(@Ctx() ctx: CommandContext, @Payload('id', IdPipe) id: string) {
    return this.standards.newDraft(ctx, id);
  }

  @MessagePattern(C.patchStandardVersion)
  patch(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('version', VersionPipe) version: number,
    @Payload('body') body: PatchStandardDto,
  ) {
    return this.standards.patch(ctx, id, version, body);
  }

  @MessagePattern(C.publishStandardVersion)
  publish(
    @Ctx() ctx: CommandContext,
    @Payload('id', IdPipe) id: string,
    @Payload('version', VersionPipe) version: number,
  ) {
    return this.standards.publish(ctx, id, version);
  }
}
