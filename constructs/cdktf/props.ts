/**
 * The CDKTF constructs' validator (GCP and Azure): the core PropCheck bound to cdktf's own token
 * test, so a TerraformVariable, a resource attribute or any other deploy-time value passes through
 * untouched. A plain `${...}` Terraform expression in a string is a deploy-time value too.
 */
import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { PropCheck } from '../core';

/** A PropCheck for one CDKTF construct, naming its construct path in every error. */
export function propCheck(scope: IConstruct): PropCheck {
  return new PropCheck(scope.node.path, (v) => Token.isUnresolved(v) || (typeof v === 'string' && /^\$\{.+\}$/s.test(v)), constructName(scope));
}

/** The construct's class name (`EvidenceBucket`), or undefined for a plain object. */
function constructName(scope: IConstruct): string | undefined {
  const name = (scope as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== 'Object' && name !== '' ? name : undefined;
}
