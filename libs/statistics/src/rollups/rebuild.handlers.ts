import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Command } from '@balanse/contracts';
import { Rebuild } from './rebuild';

/** `POST` and `GET /api/v1/statistics/rebuild`: platform-wide, for the statistics role. */
@Controller()
export class RebuildCommands {
  constructor(private readonly rebuild: Rebuild) {}

  @MessagePattern(Command.statistics.startRebuild)
  start() {
    return this.rebuild.start();
  }

  @MessagePattern(Command.statistics.getRebuild)
  get() {
    return this.rebuild.progress();
  }
}
