export * from './disclosure';
export * from './export';
export * from './tables';
export { statisticsService } from './service';
export { StatisticsInit1800000000600 } from './migrations/1800000000600-statistics-init';
export { ALL_TIME } from './migrations/1800000000700-statistics-all-time';
// The fact consumers and the roller, for tests that drive them without a bus.
export { CaseFactEvents } from './facts/case-facts';
export { ReferenceFactEvents } from './facts/reference-facts';
export { Rebuild } from './rollups/rebuild';
export { RollupRoller } from './rollups/roller';
