export * from './annotations';
export * from './parent';
export * from './forensic-key';
export * from './evidence-bucket';
export * from './audit-logs';
export * from './log-sink';
export * from './flow-logs';
export * from './vertex-ai-audit';
