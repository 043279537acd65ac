/**
 * The one input error of the CLI and the checks, defined in constructs/core/input-error.ts so that
 * the offline investigation (investigate/) throws the same error without importing policies/.
 */
export { InputError, describeFsError, oneLine, printable } from '../../constructs/core/input-error';
