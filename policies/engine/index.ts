export * from './types';
export * from './model';
export * from './errors';
export { MAX_INPUT_BYTES, NODE_FS } from './fs';
export type { FileSystem, ReadOptions } from './fs';
export { parseSource } from './parse';
export type { KeyCensus, ParsedSource, SourceLocator } from './parse';
export type { CdktfStack, LoadedTemplate, ModuleCall, NestedIn, NestedStack, NestingStack, NotCreated, TerraformBackend, TerraformBlock, TerraformNamedBlock, TerraformProvider } from './template';
export { crossStackReads } from './cross-stack';
export type { CrossStackReads, RemoteStackState, StackOutput } from './cross-stack';
export { loadPaths, loadDocument, buildModel, withLines } from './loader';
export type { LoadOptions, LoadResult, InputKind, InputSummary, FailedInput } from './loader';
export * from './suppressions';
export * from './runner';
export * from './input-coverage';
export * from './config';
export { parseEvidenceContext, describeContext } from './context';
export type {
  EvidenceContext,
  AwsEvidenceContext,
  DeclaredOrganizationTrail,
  DeclaredCollection,
  DeclaredStore,
} from './context';
