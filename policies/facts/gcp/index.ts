/**
 * The facts the GCP rules judge: value helpers (values.ts), the per-model index of sink
 * destinations, evidence stores, audit coverage and locks (graph.ts), how sinks and audit configs
 * are matched to their project, folder or organization (scope.ts), which audit logs reach locked
 * storage (routing.ts, with the Logging query language in filter.ts), which KMS keys encrypt
 * evidence (keys.ts), which audit configs log Data Access for a google_project (audit.ts), the
 * notebook VM attributes (workbench.ts), what a store guarantees for the report (stores.ts).
 * Rules import them from here or from their module. The subnetwork and firewall helpers below are
 * used by more than one rule.
 */
import { isUnresolved, ResourceModel, UNRESOLVED, Unresolved, resourceFact } from '../../engine/model';
import { Resource } from '../../engine/types';
import { gcpIndex } from './graph';
import { asBool, asList, referencesType, show } from './values';

export * from './values';
export * from './graph';
export * from './scope';
export * from './routing';
export * from './keys';
export * from './audit';
export * from './assets';

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

/** The subnetworks of a network in the input that take flow logs, those that log, and whether a log_config or enable_flow_logs is unknown. */
export interface NetworkFlowLogs {
  readonly subnets: readonly Resource[];
  readonly logged: readonly Resource[];
  readonly unresolved: boolean;
}

/** The flow-log state of a network's subnetworks (asked by several rules: a fact of the model). */
export const networkFlowLogs = resourceFact('network flow logs', (model, network): NetworkFlowLogs => {
  const ctx = { model };
  const subnets: Resource[] = [];
  const logged: Resource[] = [];
  let unresolved = false;
  // One pass, no list per property: this fact is built for every network of the input.
  for (const s of gcpIndex(model).subnetsByNetwork.get(network) ?? []) {
    if (!subnetTakesFlowLogs(s, ctx)) continue;
    subnets.push(s);
    const config = subnetLogConfig(model, s);
    const enabled = asBool(model.get(s, 'enable_flow_logs'));
    if (isUnresolved(config) || isUnresolved(enabled)) unresolved = true;
    else if (config !== undefined && enabled !== false) logged.push(s);
  }
  // Kept per network at their size: lists grown by push keep room for 16.
  return { subnets: subnets.slice(), logged: logged.slice(), unresolved };
});

/** True unless a firewall rule is disabled: a disabled rule matches no traffic, so there is nothing it could log. */
export function firewallEnforced(rule: Resource, ctx: { model: ResourceModel }): boolean {
  return asBool(ctx.model.get(rule, 'disabled')) !== true;
}

// ---------------------------------------------------------------------------------------------
// Customer-managed keys

/**
 * The customer-managed key at a path: `cmek` when it is a literal key name or references a
 * google_kms_crypto_key of the input (a key id is only known after apply), `none` when absent or
 * empty (Google-managed encryption), `unknown` when it is a value known only at deploy.
 */
export function kmsKeyAt(model: ResourceModel, resource: Resource, path: string): { state: 'cmek' | 'none' | 'unknown'; why: string } {
  const key = model.get(resource, path);
  if (isUnresolved(key)) {
    if (referencesType(model, resource, path, 'google_kms_crypto_key')) return { state: 'cmek', why: `${path} references a google_kms_crypto_key of the input` };
    return { state: 'unknown', why: `${path} is a value known only at deploy` };
  }
  if (typeof key !== 'string' || key.trim() === '') return { state: 'none', why: `${path} is ${show(key)}: Google-managed encryption` };
  return { state: 'cmek', why: `${path} is ${key}` };
}

// ---------------------------------------------------------------------------------------------
// Firewall rules

/** Whether a firewall rule logs: log_config present (the provider then sends enable = true), or the deprecated enable_logging = true. */
export function firewallLogged(model: ResourceModel, rule: Resource): boolean | Unresolved {
  const block = model.get(rule, 'log_config');
  if (isUnresolved(block)) return UNRESOLVED;
  if (asList(block).length > 0) return true;
  const legacy = asBool(model.get(rule, 'enable_logging'));
  if (isUnresolved(legacy)) return UNRESOLVED;
  return legacy === true;
}

export interface EgressMiss {
  readonly miss: boolean | Unresolved;
  readonly why: string;
}

/**
 * Whether a firewall rule logs every egress decision it is left with: EGRESS, 0.0.0.0/0 (absent
 * destination_ranges match every destination), every instance (no target tags or service
 * accounts), every protocol (or TCP and UDP without ports: firewall logging records only TCP and
 * UDP), logged. true, or why not: `miss` is true for an egress rule that falls short (named in a
 * reason), false for a rule that is not about egress, UNRESOLVED when the input cannot say.
 */
export function catchAllEgress(model: ResourceModel, rule: Resource): true | EgressMiss {
  const direction = model.get(rule, 'direction');
  if (isUnresolved(direction)) return { miss: UNRESOLVED, why: 'direction is a value known only at deploy' };
  if (direction !== 'EGRESS') return { miss: false, why: 'ingress' };
  const ranges = model.get(rule, 'destination_ranges');
  if (isUnresolved(ranges) || asList(ranges).some(isUnresolved)) return { miss: UNRESOLVED, why: 'destination_ranges is a value known only at deploy' };
  const list = asList(ranges);
  if (list.length > 0 && !list.includes('0.0.0.0/0')) return { miss: true, why: `matches only destination_ranges ${show(list)}` };
  for (const prop of ['target_tags', 'target_service_accounts']) {
    const v = model.get(rule, prop);
    if (isUnresolved(v)) return { miss: UNRESOLVED, why: `${prop} is a value known only at deploy` };
    if (asList(v).length > 0) return { miss: true, why: `applies only to ${prop} ${show(v)}` };
  }
  const protocols = allProtocols(model, rule);
  if (isUnresolved(protocols)) return { miss: UNRESOLVED, why: 'allow / deny is a value known only at deploy' };
  if (!protocols) return { miss: true, why: 'does not match every protocol (protocol "all", or tcp and udp without ports)' };
  const logged = firewallLogged(model, rule);
  if (isUnresolved(logged)) return { miss: UNRESOLVED, why: 'log_config is a value known only at deploy' };
  if (!logged) return { miss: true, why: 'is not logged' };
  return true;
}

const TCP = new Set(['tcp', '6']);
const UDP = new Set(['udp', '17']);

/** Whether the allow or deny blocks match every protocol, or at least every TCP and UDP port. */
function allProtocols(model: ResourceModel, rule: Resource): boolean | Unresolved {
  let tcp = false;
  let udp = false;
  for (const prop of ['allow', 'deny']) {
    const blocks = model.get(rule, prop);
    if (isUnresolved(blocks)) return UNRESOLVED;
    for (const block of asList(blocks)) {
      if (isUnresolved(block)) return UNRESOLVED;
      if (!block || typeof block !== 'object') continue;
      const b = block as Record<string, unknown>;
      if (isUnresolved(b.protocol) || isUnresolved(b.ports)) return UNRESOLVED;
      if (asList(b.ports).length > 0) continue;
      const p = String(b.protocol).toLowerCase();
      if (p === 'all') return true;
      tcp ||= TCP.has(p);
      udp ||= UDP.has(p);
    }
  }
  return tcp && udp;
}
