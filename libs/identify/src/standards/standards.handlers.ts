import { Injectable } from '@nestjs/common';
import { Command, CreateStandardDto } from '@balanse/contracts';
import { OnCommand, type CommandInput } from '@balanse/messaging';
import { StandardsService, standardView } from './standards.service';

const C = Command.identify;

@Injectable()
export class StandardCommands {
  constructor(private readonly standards: StandardsService) {}

  @OnCommand(C.listStandards)
  list({ context }: CommandInput) {
    return this.standards.list(context.tenantId);
  }

  @OnCommand(C.getStandard)
  async get({ context, params }: CommandInput) {
    return standardView(await this.standards.get(context.tenantId, params['id']));
  }

  @OnCommand(C.createStandard, CreateStandardDto)
  async create({ context, body }: CommandInput<CreateStandardDto>) {
    return standardView(await this.standards.create(context.tenantId, body));
  }
}
