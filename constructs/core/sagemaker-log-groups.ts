/**
 * The CloudWatch Logs groups SageMaker AI writes the output of its ephemeral compute into (SageMaker
 * AI developer guide, "Log groups and streams that Amazon SageMaker AI sends to Amazon CloudWatch
 * Logs"). Shared by the construct that pre-creates them and the rules that judge them.
 */

/** The groups of training, processing and batch transform jobs and notebook instances, one per account and region. */
export const SAGEMAKER_JOB_LOG_GROUPS = ['/aws/sagemaker/TrainingJobs', '/aws/sagemaker/ProcessingJobs', '/aws/sagemaker/TransformJobs', '/aws/sagemaker/NotebookInstances'] as const;

/** The group of SageMaker Studio apps (the guide lists one group for Studio and Studio Classic; streams are `<domain-id>/<user-profile or space>/<app-type>/<app-name>`). */
export const SAGEMAKER_STUDIO_LOG_GROUP = '/aws/sagemaker/studio';

/** The group of the notebook instances. */
export const SAGEMAKER_NOTEBOOK_LOG_GROUP = '/aws/sagemaker/NotebookInstances';

/** The group of one real-time or asynchronous inference endpoint. */
export function sageMakerEndpointLogGroup(endpointName: string): string {
  return `/aws/sagemaker/Endpoints/${endpointName}`;
}

/** The prefix every group SageMaker AI writes into begins with. */
export const SAGEMAKER_LOG_GROUP_PREFIX = '/aws/sagemaker/';
