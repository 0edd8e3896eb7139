export * from './measures';
export * from './sub-groups';
export * from './periods';
export * from './indicators';
export * from './assemble';
export * from './plans';
export * from './report-data';
export * from './population-rows';
