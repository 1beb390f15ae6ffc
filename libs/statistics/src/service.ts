import type { ServiceDefinition } from '@balanse/runtime';
import { StatisticsInit1800000000600 } from './migrations/1800000000600-statistics-init';
import { StatisticsModule } from './statistics.module';

/** Statistics (statistikk): anonymous aggregates across employers, from the events alone. */
export const statisticsService: ServiceDefinition = {
  name: 'statistics',
  module: StatisticsModule,
  entities: [],
  migrations: [StatisticsInit1800000000600],
};
