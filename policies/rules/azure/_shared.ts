/**
 * What the Azure rules share: which resource points at which (by Terraform reference or by a literal
 * ARM id), which storage accounts hold evidence, what a diagnostic setting records, the log
 * categories of the resource types they judge, and how a value reads. Every look-up is built once per
 * model (AzureIndex), so a rule over all resources stays linear.
 */
export * from './_values';
export * from './_refs';
export * from './_categories';
export * from './_diagnostics';
export * from './_storage';
