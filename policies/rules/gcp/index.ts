import { Rule } from '../../engine/types';

/** Every GCP rule, in the order RULES.md lists them. */
export const GCP_RULES: readonly Rule[] = [];
