import { Module } from '@nestjs/common';
import { CaseFactEvents } from './facts/case-facts';
import { ReferenceFactEvents } from './facts/reference-facts';
import { Rebuild } from './rollups/rebuild';
import { RebuildCommands } from './rollups/rebuild.handlers';
import { RollupRoller } from './rollups/roller';
import { TableQueries } from './tables/table-queries.handlers';
import { TableQueriesService } from './tables/table-queries.service';
import { TableRollups } from './tables/table-rollups';

@Module({
  controllers: [CaseFactEvents, ReferenceFactEvents, RebuildCommands, TableQueries],
  providers: [RollupRoller, Rebuild, TableQueriesService, TableRollups],
})
export class StatisticsModule {}
