/**
 * The AWS SDK calls a template states through aws-cdk-lib's AwsCustomResource (`Custom::AWS`, or
 * any custom resource of that provider): its `Create`, `Update` and `Delete` properties are the
 * JSON text of `{ service, action, parameters }`, joined with `Fn::Join` around deploy-time values.
 * A hashicorp/aws resource with no CloudFormation equivalent is translated into the same shape
 * (an object rather than text), so one rule judges both dialects.
 */
import { ResourceModel, UNRESOLVED, Unresolved, isUnresolved } from '../../engine/model';
import { Resource } from '../../engine/types';

/** The three lifecycle properties of an AwsCustomResource. */
export type SdkCallPhase = 'Create' | 'Update' | 'Delete';

/** One SDK call, its service and action normalised (`bedrock`, `putmodelinvocationloggingconfiguration`). */
export interface SdkCall {
  readonly service: string;
  readonly action: string;
  /** The call's parameters, with each deploy-time value UNRESOLVED. */
  readonly parameters: Record<string, unknown>;
}

/** Where a deploy-time value stood in the JSON text. */
const MARK = '__forensic_readiness_deploy_time_value__';

/**
 * The call a custom resource states for a phase: undefined when the property is absent or not an
 * SDK call, UNRESOLVED when its text cannot be read before deploy.
 */
export function sdkCall(m: ResourceModel, r: Resource, phase: SdkCallPhase): SdkCall | Unresolved | undefined {
  const raw = r.properties[phase];
  if (raw === undefined) return undefined;
  let value: unknown;
  if (typeof raw === 'string') value = parse(raw);
  else if (raw && typeof raw === 'object' && 'Fn::Join' in raw) value = joined((raw as Record<string, unknown>)['Fn::Join']);
  else if (raw && typeof raw === 'object') value = m.resolve(raw, r);
  else return undefined;
  if (isUnresolved(value) || !value || typeof value !== 'object') return isUnresolved(value) ? UNRESOLVED : undefined;
  const call = value as Record<string, unknown>;
  if (typeof call.service !== 'string' || typeof call.action !== 'string') return UNRESOLVED;
  return {
    service: call.service.toLowerCase().replace(/^@aws-sdk\/client-/, '').replace(/-/g, ''),
    action: call.action.toLowerCase().replace(/command$/, ''),
    parameters: marked(call.parameters ?? {}) as Record<string, unknown>,
  };
}

/** A value of a call at a dotted path: UNRESOLVED where the template held a deploy-time value. */
export function callValue(call: SdkCall, path: string): unknown {
  let cur: unknown = call.parameters;
  for (const part of path.split('.')) {
    if (isUnresolved(cur)) return UNRESOLVED;
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function joined(join: unknown): unknown {
  if (!Array.isArray(join) || join.length !== 2 || typeof join[0] !== 'string' || !Array.isArray(join[1])) return UNRESOLVED;
  const [sep, parts] = join as [string, unknown[]];
  const text = parts.map((p) => (typeof p === 'string' ? p : MARK)).join(sep);
  // A deploy-time value inside a JSON string stays in it; one in a value position becomes a string there.
  const first = parse(text);
  return isUnresolved(first) ? parse(text.replace(new RegExp(`(?<!")${MARK}(?!")`, 'g'), JSON.stringify(MARK))) : first;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return UNRESOLVED;
  }
}

/** The parsed call with every string that holds a deploy-time value UNRESOLVED. */
function marked(v: unknown): unknown {
  if (typeof v === 'string') return v.includes(MARK) ? UNRESOLVED : v;
  if (Array.isArray(v)) return v.map(marked);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, marked(x)]));
  return v;
}
