/** The GCP archive layouts the offline investigation reads. */
import type { Layout } from '../layout';
import { GCP_AUDIT } from './audit';
import { GCP_DNS } from './dns';
import { GCP_VERTEX_REQUESTS } from './vertex-requests';
import { GCP_VPC_FLOWS } from './vpc-flows';

export { GCP_AUDIT, GCP_DNS, GCP_VERTEX_REQUESTS, GCP_VPC_FLOWS };

export const GCP_LAYOUTS: readonly Layout[] = [GCP_AUDIT, GCP_VPC_FLOWS, GCP_DNS, GCP_VERTEX_REQUESTS];
