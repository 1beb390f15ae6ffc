import type { ServiceDefinition } from '@balanse/runtime';
import { StatisticsInit1800000000600 } from './migrations/1800000000600-statistics-init';
import { StatisticsAllTime1800000000700 } from './migrations/1800000000700-statistics-all-time';
import { StatisticsModule } from './statistics.module';
import { configureStatistics } from './tables/rules-config';

/** Statistics (statistikk): anonymous aggregates across employers, from the events alone. */
export const statisticsService: ServiceDefinition = {
  name: 'statistics',
  module: StatisticsModule,
  entities: [],
  migrations: [StatisticsInit1800000000600, StatisticsAllTime1800000000700],
  // The disclosure rules (STATISTICS_K, STATISTICS_MIN_EMPLOYERS, STATISTICS_DOMINANCE).
  configure: configureStatistics,
};
