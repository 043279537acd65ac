/**
 * The policy side of the kit, for programs: load templates into one resource model, run the rules,
 * render reports. Loads no CDK or CDKTF library; the in-synth adapters are separate entry points
 * (`policies/adapters/aws` for aws-cdk-lib + cdk-nag, `policies/adapters/cdktf` for cdktf) so that
 * importing one never loads the other.
 */
export * from './engine';
export * from './report';
export { ALL_RULES } from './rules';
export { AWS_RULES } from './rules/aws';
export { GCP_RULES } from './rules/gcp';
export { AZURE_RULES } from './rules/azure';
