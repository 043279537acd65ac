import { ForensicValidationError } from '../constructs/core';

/** The kit's validation error `build` throws; any other outcome (another error, or none) fails the test. */
export function refusal(build: () => unknown): ForensicValidationError {
  try {
    build();
  } catch (e) {
    if (e instanceof ForensicValidationError) return e;
    throw new Error(`expected a ForensicValidationError, got ${(e as Error).name}: ${(e as Error).message}`);
  }
  throw new Error('expected a ForensicValidationError, the build passed');
}
