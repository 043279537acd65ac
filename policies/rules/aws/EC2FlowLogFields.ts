import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';

/** The default (version 2) fields. */
export const DEFAULT_FLOW_LOG_FIELDS = ['version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'action', 'log-status'];

/** The fields an investigator needs beyond the default: which VPC, subnet and instance, the real endpoints behind NAT, direction and path. */
export const INVESTIGATOR_FLOW_LOG_FIELDS = ['vpc-id', 'subnet-id', 'instance-id', 'tcp-flags', 'type', 'pkt-srcaddr', 'pkt-dstaddr', 'flow-direction', 'traffic-path'];

const REQUIRED = [...DEFAULT_FLOW_LOG_FIELDS, ...INVESTIGATOR_FLOW_LOG_FIELDS];

/** Transit gateway flow logs have another field set; this rule judges VPC, subnet and interface flow logs. */
export const EC2FlowLogFields: Rule = {
  id: 'AWS.EC2.FlowLogFields',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::EC2::FlowLog'],
  description: 'A flow log does not record the fields an investigator needs (the default fields plus vpc-id, subnet-id, instance-id, tcp-flags, type, pkt-srcaddr, pkt-dstaddr, flow-direction, traffic-path).',
  rationale:
    'The default format names only the interface and the addresses it saw. Behind a NAT gateway or load balancer srcaddr is the intermediary; pkt-srcaddr/pkt-dstaddr give the real endpoints, instance-id and subnet-id the workload, flow-direction and traffic-path whether data left through the internet gateway, tcp-flags whether a connection was established.',
  fix: 'Use FlowLogs (records these fields by default), or set LogFormat to a custom format with ${version} ... ${log-status} ${vpc-id} ${subnet-id} ${instance-id} ${tcp-flags} ${type} ${pkt-srcaddr} ${pkt-dstaddr} ${flow-direction} ${traffic-path}.',
  evidenceSource: 'network-flow',
  nist: 'Analysis',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025'],
  isApplicable: (r, ctx) => {
    const type = ctx.model.get(r, 'ResourceType');
    return isUnresolved(type) || type === 'VPC' || type === 'Subnet' || type === 'NetworkInterface';
  },
  check: (r, ctx) => {
    const format = ctx.model.get(r, 'LogFormat');
    if (isUnresolved(format)) return unknown(`${r.address}: LogFormat is unresolvable before deploy`);
    if (format === undefined) return nonCompliant(`${r.address}: LogFormat is absent, so the default format lacks ${INVESTIGATOR_FLOW_LOG_FIELDS.join(', ')}`);
    if (typeof format !== 'string') return nonCompliant(`${r.address}: LogFormat is not a string`);
    const present = new Set([...format.matchAll(/\$\{([a-z0-9-]+)\}/g)].map((m) => m[1]));
    const missing = REQUIRED.filter((f) => !present.has(f));
    return missing.length === 0 ? compliant(`${r.address}: LogFormat has every required field`) : nonCompliant(`${r.address}: LogFormat lacks ${missing.join(', ')}`);
  },
};
