import { Rule } from '../../engine/types';

/** Every AWS rule, in the order RULES.md lists them. */
export const AWS_RULES: readonly Rule[] = [];
