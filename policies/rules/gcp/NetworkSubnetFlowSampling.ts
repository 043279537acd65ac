import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asNumber, show, subnetLogConfig, subnetTakesFlowLogs } from '../../facts/gcp';

/**
 * Sampling and a filter both drop flows. An absent flow_sampling means the provider default 0.5:
 * half of all flows are never recorded. Subnets without log_config are left to
 * GCP.Network.SubnetFlowLogs.
 */
export const NetworkSubnetFlowSampling: Rule = {
  id: 'GCP.Network.SubnetFlowSampling',
  cloud: 'gcp',
  severity: 'warning',
  appliesTo: ['google_compute_subnetwork'],
  description: 'A subnetwork samples its VPC flow logs below the full-sampling threshold, or filters them.',
  rationale:
    'A short exfiltration or command-and-control flow that falls outside the sample leaves no record at all; an ' +
    'investigator cannot prove a negative from sampled logs.',
  fix: "Use the kit's FlowLogs (flowSampling defaults to 1.0), or set log_config.flow_sampling = 1.0 and leave filter_expr unset.",
  evidenceSource: 'network-flow',
  nist: 'Collection',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025', 'AML.T0010'],
  thresholds: ['fullSamplingPercentage'],
  isApplicable: (subnet, ctx) => subnetTakesFlowLogs(subnet, ctx) && subnetLogConfig(ctx.model, subnet) !== undefined,
  check: (subnet, { model, config }) => {
    const cfg = subnetLogConfig(model, subnet);
    if (isUnresolved(cfg) || !cfg) return unknown('log_config is a value known only at deploy');
    const raw = cfg.flow_sampling;
    const sampling = raw === undefined ? 0.5 : asNumber(raw);
    if (isUnresolved(sampling)) return unknown('log_config.flow_sampling is a value known only at deploy');
    const floor = config.fullSamplingPercentage / 100;
    if (sampling === undefined || sampling < floor) {
      return nonCompliant(`log_config.flow_sampling is ${show(raw)}${raw === undefined ? ' (provider default 0.5)' : ''}, below ${floor}`);
    }
    const filter = cfg.filter_expr;
    if (isUnresolved(filter)) return unknown('log_config.filter_expr is a value known only at deploy');
    if (filter !== undefined && filter !== null && filter !== '' && filter !== 'true') {
      return nonCompliant(`log_config.filter_expr is ${show(filter)}: flows it excludes are not recorded`);
    }
    return compliant(`log_config.flow_sampling is ${sampling} with no filter`);
  },
};
