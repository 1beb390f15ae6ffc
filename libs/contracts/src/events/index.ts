export * from './event-type';
export * from './event-owners';
export * from './case-opened/case-opened.v1';
export * from './case-identified/case-identified.v2';
export * from './case-documented/case-documented.v2';
export * from './case-assessed/case-assessed.v2';
export * from './case-certified/case-certified.v1';
