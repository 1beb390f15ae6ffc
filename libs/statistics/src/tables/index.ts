export { buildTable, type NeedSummary, type TableAnswer } from './build-table';
export { configureStatistics, StatisticsRules, statisticsRulesFromEnv } from './rules-config';
export { TableQueries } from './table-queries.handlers';
export { tablePlan, tableSpec, type TablePlan } from './table-query';
export { TableQueriesService } from './table-queries.service';
export { TableRollups } from './table-rollups';
export { TABLES } from './table-specs';
