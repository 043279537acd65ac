/**
 * Every archive layout the offline investigation recognises, AWS first. The GCP and Azure
 * layouts (investigate/gcp, investigate/azure) join this list beside AWS_LAYOUTS.
 */
import { AWS_LAYOUTS } from './aws';
import type { Layout } from './layout';

export const LAYOUTS: readonly Layout[] = [...AWS_LAYOUTS];
