import { Rule } from '../../engine/types';

/** Every AZURE rule, in the order RULES.md lists them. */
export const AZURE_RULES: readonly Rule[] = [];
