// @ts-check
/**
 * A TypeDoc plugin: names each entry point's module after the import path a user writes
 * (`forensic-readiness-kit/aws`), not after its folder in the repository (`constructs/aws`).
 */
import { Converter, ReflectionKind } from 'typedoc';

/** Folder of the entry point -> package subpath, as package.json `exports` maps them. */
const NAMES = {
  'constructs/aws': 'forensic-readiness-kit/aws',
  'constructs/gcp': 'forensic-readiness-kit/gcp',
  'constructs/azure': 'forensic-readiness-kit/azure',
  'constructs/core': 'forensic-readiness-kit/core',
  policies: 'forensic-readiness-kit/policies',
  'policies/adapters/aws': 'forensic-readiness-kit/policies/aws',
  'policies/adapters/cdktf': 'forensic-readiness-kit/policies/cdktf',
};

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (_context, reflection) => {
    const name = /** @type {Record<string, string>} */ (NAMES)[reflection.name];
    if (reflection.kindOf(ReflectionKind.Module) && name) reflection.name = name;
  });
}
