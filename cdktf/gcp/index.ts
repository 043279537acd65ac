import { App } from 'cdktf';
import { GcpForensicReadinessStack, GcpForensicReadinessStackProps } from './gcp-forensic-readiness-stack';

export * from './gcp-forensic-readiness-stack';
export * from './example-ml-workload';

/** The stack name: it becomes cdktf.out/stacks/gcp-forensic-readiness/ and must never change. */
export const GCP_STACK_NAME = 'gcp-forensic-readiness';

/** Adds the GCP reference stacks to an app and returns them. */
export function createGcpStacks(app: App, props: GcpForensicReadinessStackProps = {}): GcpForensicReadinessStack[] {
  return [new GcpForensicReadinessStack(app, GCP_STACK_NAME, props)];
}
