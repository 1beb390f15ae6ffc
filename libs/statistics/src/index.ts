export * from './disclosure';
export * from './export';
export * from './tables';
export { statisticsService } from './service';
export { StatisticsInit1800000000600 } from './migrations/1800000000600-statistics-init';
