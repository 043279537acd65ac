/** Every archive layout the offline investigation recognises, in the three clouds. */
import { AWS_LAYOUTS } from './aws';
import { AZURE_LAYOUTS } from './azure';
import { GCP_LAYOUTS } from './gcp';
import type { Layout } from './layout';

export const LAYOUTS: readonly Layout[] = [...AWS_LAYOUTS, ...GCP_LAYOUTS, ...AZURE_LAYOUTS];
