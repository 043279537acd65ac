/**
 * Shared logic of the GCP rules. Value helpers live in _values.ts, the per-model index (sink
 * destinations, evidence stores, audit coverage, locks) in _index.ts; rules import all of it from
 * here. The subnetwork and firewall helpers below are used by more than one rule.
 */
import { isUnresolved, ResourceModel, UNRESOLVED, Unresolved } from '../../engine/model';
import { Resource } from '../../engine/types';
import { asBool, asList } from './_values';

export * from './_values';
export * from './_index';

// ---------------------------------------------------------------------------------------------
// Subnet flow logs

/**
 * Subnet purposes that take no log_config: the provider sends none for proxy-only subnets
 * (REGIONAL_MANAGED_PROXY, GLOBAL_MANAGED_PROXY and the legacy INTERNAL_HTTPS_LOAD_BALANCER), as
 * its docs and its subnetwork log_config expander say. Private Service Connect and Private NAT
 * subnets are not exempted by the provider, so they are judged.
 */
export const FLOW_LOGLESS_PURPOSES = ['REGIONAL_MANAGED_PROXY', 'GLOBAL_MANAGED_PROXY', 'INTERNAL_HTTPS_LOAD_BALANCER'];

/** Whether a subnetwork can carry flow logs (true also when its purpose is unresolved, so the rule says UNKNOWN). */
export function subnetTakesFlowLogs(subnet: Resource, ctx: { model: ResourceModel }): boolean {
  const purpose = ctx.model.get(subnet, 'purpose');
  return !(typeof purpose === 'string' && FLOW_LOGLESS_PURPOSES.includes(purpose));
}

/** The subnetwork's log_config block (resolved), absent, or UNRESOLVED. */
export function subnetLogConfig(model: ResourceModel, subnet: Resource): Record<string, unknown> | undefined | Unresolved {
  const block = model.get(subnet, 'log_config');
  if (isUnresolved(block)) return UNRESOLVED;
  const first = asList(block)[0];
  if (isUnresolved(first)) return UNRESOLVED;
  return first && typeof first === 'object' ? (first as Record<string, unknown>) : undefined;
}

/** True unless a firewall rule is disabled: a disabled rule matches no traffic, so there is nothing it could log. */
export function firewallEnforced(rule: Resource, ctx: { model: ResourceModel }): boolean {
  return asBool(ctx.model.get(rule, 'disabled')) !== true;
}
