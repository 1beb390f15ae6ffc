import { Module } from '@nestjs/common';
import { CaseFactEvents } from './facts/case-facts';
import { ReferenceFactEvents } from './facts/reference-facts';
import { Rebuild } from './rollups/rebuild';
import { RebuildCommands } from './rollups/rebuild.handlers';
import { RollupRoller } from './rollups/roller';

@Module({
  controllers: [CaseFactEvents, ReferenceFactEvents, RebuildCommands],
  providers: [RollupRoller, Rebuild],
})
export class StatisticsModule {}
