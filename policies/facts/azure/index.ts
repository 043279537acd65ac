/**
 * What the Azure rules share: which resource points at which (by Terraform reference or by a literal
 * ARM id), which storage accounts hold evidence, what a diagnostic setting records, the log
 * categories of the resource types they judge, and how a value reads. Every look-up is built once per
 * model (AzureIndex), so a rule over all resources stays linear.
 */
// One name of the index's own first: an index whose exports repeat one module's in the same order is
// a slow dictionary object to V8 under esbuild's CommonJS output (~10 ns per call through it, not ~1).
export { T } from './refs';
export * from './values';
export * from './refs';
export * from './categories';
export * from './diagnostics';
export * from './storage';
