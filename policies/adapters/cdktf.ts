/** The CDKTF side of the policies: loads cdktf, never aws-cdk-lib. */
export { addForensicReadinessChecks } from './cdktf-checks';
export type { ForensicReadinessCheckOptions } from './cdktf-checks';
export { acknowledgeRule } from './cdktf-acknowledge';
export type { InSynthCheckOptions } from './in-synth';
