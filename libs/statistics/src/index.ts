export * from './disclosure';
export * from './export';
export { statisticsService } from './service';
export { RollupRoller } from './rollups/roller';
