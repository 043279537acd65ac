/**
 * The AWS constructs' validator: the core PropCheck bound to aws-cdk-lib's own token test, so a
 * CfnParameter, an attribute or any other deploy-time value passes through untouched.
 */
import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PropCheck } from '../core';

/** A PropCheck for one AWS construct, naming its construct path in every error. */
export function propCheck(scope: IConstruct): PropCheck {
  return new PropCheck(scope.node.path, (v) => Token.isUnresolved(v), constructName(scope));
}

/** The construct's class name (`EvidenceBucket`), or undefined for a plain object. */
function constructName(scope: IConstruct): string | undefined {
  const name = (scope as { constructor?: { name?: unknown } }).constructor?.name;
  return typeof name === 'string' && name !== 'Object' && name !== '' ? name : undefined;
}
