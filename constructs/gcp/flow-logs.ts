import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeSubnetwork, ComputeSubnetworkLogConfig } from '@cdktf/provider-google/lib/compute-subnetwork';
import { DnsPolicy } from '@cdktf/provider-google/lib/dns-policy';
import { Construct } from 'constructs';
import { propCheck } from '../cdktf/props';
import { PropCheck, PropKeys, WARNINGS } from '../core';
import { warn } from './annotations';
import { checkFraction, idPart, PROJECT_ID, REGION, RFC1035 } from './names';

/** A subnet for FlowLogs to create, with flow logs on from its first packet. */
export interface FlowLogsSubnetSpec {
  /** The subnet name (RFC 1035). */
  readonly name: string;
  /** The region, such as us-central1. */
  readonly region: string;
  /** The primary IPv4 range, such as 10.10.0.0/20. */
  readonly ipCidrRange: string;
}

/** The props FlowLogsSubnetSpec declares: unknown keys are refused (a compile error if this drifts from the interface). */
const FLOW_LOGS_SUBNET_SPEC_KEYS = { name: true, region: true, ipCidrRange: true } as const satisfies PropKeys<FlowLogsSubnetSpec>;

/**
 * The props of the GCP FlowLogs: the network, and the subnets, firewall rules and NAT gateways it
 * logs; the flow sampling; whether it creates the baseline firewall rules, a DNS policy and Cloud NAT.
 */
export interface FlowLogsProps {
  /** The project of everything created. @default - the provider's project */
  readonly project?: string;
  /** A network of this app to attach to. @default - a new custom-mode VPC named `networkName` */
  readonly network?: ComputeNetwork;
  /** The name of the VPC created when no network is given. @default 'forensic-vpc' */
  readonly networkName?: string;
  /** Subnets to create on the network, with flow logs; two of one name are refused. @default - none */
  readonly subnets?: readonly FlowLogsSubnetSpec[];
  /** Subnets of this app (google_compute_subnetwork objects) to switch flow logs on for. @default - none */
  readonly subnetworks?: readonly ComputeSubnetwork[];
  /** Firewall rules of this app to switch logging on for. @default - none */
  readonly firewallRules?: readonly ComputeFirewall[];
  /** Cloud NAT gateways of this app to switch logging on for. @default - none */
  readonly routerNats?: readonly ComputeRouterNat[];
  /** Fraction of flows sampled, in (0, 1]. @default 1.0 - every flow; less warns */
  readonly flowSampling?: number;
  /** Create logged catch-all firewall rules: deny all ingress, allow all egress, both priority 65534; false warns. @default true */
  readonly baselineFirewallRulesEnabled?: boolean;
  /** Create a Cloud DNS server policy with query logging on the network; false warns. @default true */
  readonly dnsLoggingEnabled?: boolean;
  /** Create a Cloud Router and a logged Cloud NAT in each region of `subnets` (a NAT made elsewhere: pass it in `routerNats`). @default true */
  readonly natEnabled?: boolean;
}

/** The props FlowLogsProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const FLOW_LOGS_PROPS_KEYS = { project: true, network: true, networkName: true, subnets: true, subnetworks: true, firewallRules: true, routerNats: true, flowSampling: true, baselineFirewallRulesEnabled: true, dnsLoggingEnabled: true, natEnabled: true } as const satisfies PropKeys<FlowLogsProps>;

/**
 * Network evidence for one VPC: VPC flow logs at 5-second aggregation, sampling 1.0 and all
 * metadata on every subnet it creates or is given; firewall rule logging with all metadata; a
 * Cloud DNS server policy with query logging; Cloud NAT logging of all translations and errors.
 *
 * CDKTF cannot change a subnet it does not manage. Subnets, firewall rules and NAT gateways of
 * the same app are passed as objects and get their `log_config` set here (the same block a
 * hand-written override would write, but typed); for a subnet managed elsewhere, import it into
 * this app first (`cdktf` import blocks or `terraform import`), or set its log_config where it is
 * managed. Implied VPC firewall rules cannot log; the baseline rules exist so that the traffic they
 * would have decided is logged. A network can carry one DNS server policy: if it already has one,
 * set dnsLoggingEnabled to false and turn on `enable_logging` in that policy instead.
 */
export class FlowLogs extends Construct {
  /** The VPC network: the one given, or the custom-mode VPC this construct created. */
  public readonly network: ComputeNetwork;
  /** Every subnet with flow logs set here: created ones first, then the given ones. */
  public readonly subnetworks: readonly ComputeSubnetwork[];
  /** Every firewall rule with logging set here: the baseline rules first, then the given ones. */
  public readonly firewallRules: readonly ComputeFirewall[];
  /** The Cloud DNS server policy with query logging; undefined when dnsLoggingEnabled is false. */
  public readonly dnsPolicy?: DnsPolicy;
  /** The Cloud Routers created, one per region of `subnets`; none when natEnabled is false. */
  public readonly routers: readonly ComputeRouter[];
  /** Every Cloud NAT gateway with logging set here: the created ones first, then the given ones. */
  public readonly nats: readonly ComputeRouterNat[];

  constructor(scope: Construct, id: string, props: FlowLogsProps = {}) {
    super(scope, id);
    const where = this.node.path;
    const check = propCheck(this);
    props = check.props<FlowLogsProps>('props', props, FLOW_LOGS_PROPS_KEYS, 'FlowLogsProps');
    const sampling = checkFraction(check, 'flowSampling', props.flowSampling, 1.0);
    const project = check.optionalString('project', props.project, PROJECT_ID);
    if (props.network !== undefined && !(props.network instanceof ComputeNetwork)) check.fail('network', props.network, 'a ComputeNetwork of this app');
    if (props.network && props.networkName !== undefined) check.fail('networkName', props.networkName, 'unset when a network is given');
    // The names of the DNS policy, routers, NAT gateways and firewall rules derive from it.
    const networkName = check.string('networkName', props.networkName ?? 'forensic-vpc', {
      pattern: /^[a-z]([-a-z0-9]{0,28}[a-z0-9])?$/,
      expected: 'an RFC 1035 name of at most 30 characters (other names derive from it)',
    });
    const subnetList = check.list<FlowLogsSubnetSpec>('subnets', props.subnets, { expected: 'a list of subnet specs written out' }, []);
    const subnetworks = instances(check, 'subnetworks', props.subnetworks, ComputeSubnetwork, 'ComputeSubnetwork');
    const firewallRules = instances(check, 'firewallRules', props.firewallRules, ComputeFirewall, 'ComputeFirewall');
    const routerNats = instances(check, 'routerNats', props.routerNats, ComputeRouterNat, 'ComputeRouterNat');
    const baselineRules = check.bool('baselineFirewallRulesEnabled', props.baselineFirewallRulesEnabled, true);
    const dnsLogging = check.bool('dnsLoggingEnabled', props.dnsLoggingEnabled, true);
    const natEnabled = check.bool('natEnabled', props.natEnabled, true);
    if (check.isToken(subnetList)) check.fail('subnets', subnetList, 'a list written out (each subnet becomes a resource of its own)');
    const subnets = subnetList.map((s, i) => check.props<FlowLogsSubnetSpec>(`subnets[${i}]`, s, FLOW_LOGS_SUBNET_SPEC_KEYS, 'a FlowLogsSubnetSpec ({ name, region, ipCidrRange })'));
    subnets.forEach((s) => {
      check.string('subnets.name', s.name, RFC1035);
      check.string('subnets.region', s.region, REGION);
      check.string('subnets.ipCidrRange', s.ipCidrRange, { expected: 'an IPv4 CIDR range such as 10.10.0.0/20', refuse: cidrProblem });
    });
    // Construct ids derive from subnet names and regions (a token: its position); they must not collide.
    const subnetIds = subnets.map((s, i) => `Subnet-${idPart(check, s.name, i)}`);
    check.uniqueIds('subnets', subnetIds);
    const regions = [...new Set(subnets.map((s) => s.region))];

    // Derived names (firewall rules, DNS policy, routers, NAT) start with the network's name.
    const prefix = props.network ? props.network.name : networkName;
    this.network =
      props.network ??
      new ComputeNetwork(this, 'Resource', {
        name: networkName,
        project,
        autoCreateSubnetworks: false,
        routingMode: 'REGIONAL',
      });

    const logConfig: ComputeSubnetworkLogConfig = {
      aggregationInterval: 'INTERVAL_5_SEC',
      flowSampling: sampling,
      metadata: 'INCLUDE_ALL_METADATA',
    };
    const created = subnets.map(
      (s, i) =>
        new ComputeSubnetwork(this, subnetIds[i], {
          name: s.name,
          region: s.region,
          ipCidrRange: s.ipCidrRange,
          network: this.network.id,
          project,
          // Workloads without external IPs (the kit's Workbench) still reach Google APIs.
          privateIpGoogleAccess: true,
          // A log_config block switches flow logs on; the provider sends enable=true with it.
          logConfig,
        }),
    );
    for (const given of subnetworks) given.putLogConfig(logConfig);
    this.subnetworks = [...created, ...subnetworks];

    const rules: ComputeFirewall[] = [];
    if (baselineRules) {
      const base = { network: this.network.id, project, priority: 65534, enableLogging: true, logConfig: { metadata: 'INCLUDE_ALL_METADATA' } };
      rules.push(
        new ComputeFirewall(this, 'DenyIngress', {
          ...base,
          name: `${prefix}-deny-ingress-logged`,
          description: 'Forensic readiness kit: logs and denies ingress no other rule allows.',
          direction: 'INGRESS',
          sourceRanges: ['0.0.0.0/0'],
          deny: [{ protocol: 'all' }],
        }),
        new ComputeFirewall(this, 'AllowEgress', {
          ...base,
          name: `${prefix}-allow-egress-logged`,
          description: 'Forensic readiness kit: logs egress the implied allow-egress rule would pass unlogged.',
          direction: 'EGRESS',
          destinationRanges: ['0.0.0.0/0'],
          allow: [{ protocol: 'all' }],
        }),
      );
    }
    for (const given of firewallRules) {
      given.enableLogging = true;
      given.putLogConfig({ metadata: 'INCLUDE_ALL_METADATA' });
    }
    this.firewallRules = [...rules, ...firewallRules];

    if (dnsLogging) {
      this.dnsPolicy = new DnsPolicy(this, 'DnsPolicy', {
        name: `${prefix}-dns-logging`,
        project,
        description: 'Forensic readiness kit: logs every DNS query from the network.',
        enableLogging: true,
        networks: [{ networkUrl: this.network.id }],
      });
    }

    const routers: ComputeRouter[] = [];
    const nats: ComputeRouterNat[] = [];
    if (natEnabled) {
      regions.forEach((region, i) => {
        const part = idPart(check, region, i);
        const router = new ComputeRouter(this, `Router-${part}`, { name: `${prefix}-${region}`, region, network: this.network.id, project });
        routers.push(router);
        nats.push(
          new ComputeRouterNat(this, `Nat-${part}`, {
            name: `${prefix}-${region}-nat`,
            router: router.name,
            region,
            project,
            natIpAllocateOption: 'AUTO_ONLY',
            sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
            logConfig: { enable: true, filter: 'ALL' },
          }),
        );
      });
    }
    for (const given of routerNats) given.putLogConfig({ enable: true, filter: 'ALL' });
    this.routers = routers;
    this.nats = [...nats, ...routerNats];

    if (!check.isToken(sampling) && sampling < 1) {
      warn(this, WARNINGS.PARTIAL_SAMPLING, `${where}: VPC flow logs sample ${sampling * 100}% of flows; a short exfiltration connection can fall outside the sample.`);
    }
    if (!baselineRules) {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: no logged catch-all firewall rules; traffic decided by the implied rules is not logged.`);
    }
    if (!dnsLogging) {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: no DNS query logging from this construct; make sure the network's existing DNS policy logs queries.`);
    }

  }
}

/** A list prop of objects of this app of one class (subnets, firewall rules, NAT gateways). */
function instances<T>(check: PropCheck, prop: string, value: unknown, type: abstract new (...args: never[]) => T, name: string): readonly T[] {
  const list = check.list<unknown>(prop, value, { unique: true, expected: `a list of ${name} objects of this app` }, []);
  if (check.isToken(list)) check.fail(prop, list, `a list of ${name} objects written out`);
  list.forEach((item, i) => {
    if (!(item instanceof type)) check.fail(`${prop}[${i}]`, item, `a ${name} of this app`);
  });
  return list as readonly T[];
}

/** Why an IPv4 CIDR range is refused: four octets of 0 to 255 and a prefix length of 0 to 32. */
function cidrProblem(value: string): string | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!m) return 'four octets and a prefix length';
  if (m.slice(1, 5).some((o) => Number(o) > 255)) return 'octets of 0 to 255';
  if (Number(m[5]) > 32) return 'a prefix length of 0 to 32';
  return undefined;
}
