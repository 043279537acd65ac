/** The AWS CDK side of the policies: loads aws-cdk-lib and cdk-nag, never cdktf. */
export { ForensicReadinessChecks } from './cdk-nag-pack';
export type { ForensicReadinessChecksProps } from './cdk-nag-pack';
export { acknowledgeRule, MirrorCdkAcknowledgements } from './cdk-acknowledge';
export type { InSynthCheckOptions } from './in-synth';
