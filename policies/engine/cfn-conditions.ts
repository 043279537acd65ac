import { CFN_INTRINSICS, IntrinsicHost, resolveCfnIntrinsic } from './cfn-intrinsics';
import { isPlainObject } from './template';
import { ResolveContext, UNRESOLVED } from './unresolved';

/** A condition's value: true or false where the template states it, UNRESOLVED where only the deploy knows. */
export type ConditionValue = boolean | typeof UNRESOLVED;

/**
 * The value of every condition of a template's `Conditions` section, as CloudFormation evaluates
 * them: `Fn::Equals` (two values, equal as written), `Fn::And` (false when one is false), `Fn::Or`
 * (true when one is true), `Fn::Not`, and `{ Condition: name }`, over literals, parameters with a
 * Default and Mappings (resolved by the engine's intrinsics). A pseudo parameter (`AWS::Region`), a
 * parameter without a Default, a malformed or circular condition is UNRESOLVED.
 */
export function evaluateConditions(section: unknown, parameters: ReadonlyMap<string, unknown>, mappings: Record<string, unknown> | undefined, file: string): Map<string, ConditionValue> {
  const values = new Map<string, ConditionValue>();
  if (!isPlainObject(section)) return values;
  const from: ResolveContext = { sourceFile: file, format: 'cloudformation' };
  const host: IntrinsicHost = {
    resolve: (v, ctx, depth) => resolveValue(host, v, ctx, depth),
    parameter: (_file, name) => parameters.get(name),
    mapping: () => mappings,
    // Conditions may read parameters, mappings and other conditions only.
    exportNamed: () => undefined,
  };
  const visiting = new Set<string>();
  const valueOf = (name: string): ConditionValue => {
    const known = values.get(name);
    if (known !== undefined) return known;
    if (!Object.hasOwn(section, name) || visiting.has(name)) return UNRESOLVED;
    visiting.add(name);
    const v = evaluate(section[name], 0);
    visiting.delete(name);
    values.set(name, v);
    return v;
  };
  const evaluate = (expr: unknown, depth: number): ConditionValue => {
    if (depth > 32 || !isPlainObject(expr)) return UNRESOLVED;
    const keys = Object.keys(expr);
    if (keys.length !== 1) return UNRESOLVED;
    const arg = expr[keys[0]];
    switch (keys[0]) {
      case 'Condition':
        return typeof arg === 'string' ? valueOf(arg) : UNRESOLVED;
      case 'Fn::Not': {
        if (!Array.isArray(arg) || arg.length !== 1) return UNRESOLVED;
        const v = evaluate(arg[0], depth + 1);
        return v === UNRESOLVED ? v : !v;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (!Array.isArray(arg) || arg.length < 2 || arg.length > 10) return UNRESOLVED;
        const decisive = keys[0] === 'Fn::Or';
        let unknown = false;
        for (const c of arg) {
          const v = evaluate(c, depth + 1);
          if (v === decisive) return decisive;
          if (v === UNRESOLVED) unknown = true;
        }
        return unknown ? UNRESOLVED : !decisive;
      }
      case 'Fn::Equals': {
        if (!Array.isArray(arg) || arg.length !== 2) return UNRESOLVED;
        const a = written(host.resolve(arg[0], from, depth + 1));
        const b = written(host.resolve(arg[1], from, depth + 1));
        return a === undefined || b === undefined ? UNRESOLVED : a === b;
      }
      default:
        return UNRESOLVED;
    }
  };
  for (const name of Object.keys(section)) valueOf(name);
  return values;
}

/** A resolved value as CloudFormation compares it (parameters are text: `true` equals `"true"`), or undefined when not known. */
function written(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean')) return JSON.stringify(v.map(String));
  return undefined;
}

/** A value inside a condition, its intrinsics resolved (no resource attribute is known there). */
function resolveValue(host: IntrinsicHost, v: unknown, from: ResolveContext, depth: number): unknown {
  if (depth > 32) return UNRESOLVED;
  if (Array.isArray(v)) return v.map((x) => resolveValue(host, x, from, depth + 1));
  if (!isPlainObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && CFN_INTRINSICS.has(keys[0])) return resolveCfnIntrinsic(host, keys[0], v[keys[0]], from, depth);
  return UNRESOLVED;
}
