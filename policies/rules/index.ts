import { Rule } from '../engine/types';
import { AWS_RULES } from './aws';
import { GCP_RULES } from './gcp';
import { AZURE_RULES } from './azure';

/** Every rule of the kit. */
export const ALL_RULES: readonly Rule[] = [...AWS_RULES, ...GCP_RULES, ...AZURE_RULES];
