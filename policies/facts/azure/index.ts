/**
 * What the Azure rules share: which resource points at which (by Terraform reference or by a literal
 * ARM id), which storage accounts hold evidence, what a diagnostic setting records, the log
 * categories of the resource types they judge, and how a value reads. Every look-up is built once per
 * model (AzureIndex), so a rule over all resources stays linear.
 */
export * from './values';
export * from './refs';
export * from './categories';
export * from './diagnostics';
export * from './storage';
