export * from './errors';
export * from './retention';
export * from './immutability';
export * from './evidence-sources';
export * from './tags';
export * from './warnings';
export * from './validate';
export * from './questions';
