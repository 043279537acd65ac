import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { DnsPolicy } from '@cdktf/provider-google/lib/dns-policy';
import { TerraformVariable } from 'cdktf';
import { WARNINGS } from '../../constructs/core';
import { FlowLogs, FlowLogsProps } from '../../constructs/gcp';
import { expectAcknowledgeableWarning, expectNoCorruptTokens, newStack, numberVariable, onlyResource, refusal, resourcesOf, stringVariable, synth, synthFile, warningsOf } from './helpers';

const FULL_FLOW_LOGS = { aggregation_interval: 'INTERVAL_5_SEC', flow_sampling: 1, metadata: 'INCLUDE_ALL_METADATA' };
const subnet = { name: 'ml-subnet', region: 'us-central1', ipCidrRange: '10.10.0.0/20' };

describe('FlowLogs', () => {
  test('defaults: custom-mode VPC, subnets with 5 s / 1.0 / all-metadata flow logs, logged catch-all firewall rules, DNS query logging, logged NAT', () => {
    const stack = newStack();
    new FlowLogs(stack, 'Net', { subnets: [subnet] });
    const { json } = synth(stack);
    expect(onlyResource(json, 'google_compute_network')).toEqual({ name: 'forensic-vpc', auto_create_subnetworks: false, routing_mode: 'REGIONAL' });
    const sub = onlyResource(json, 'google_compute_subnetwork');
    expect(sub).toEqual({
      name: 'ml-subnet',
      region: 'us-central1',
      ip_cidr_range: '10.10.0.0/20',
      network: expect.stringMatching(/^\$\{google_compute_network\.Net_[0-9A-F]+\.id\}$/),
      private_ip_google_access: true,
      log_config: FULL_FLOW_LOGS,
    });
    const rules = Object.values(resourcesOf(json, 'google_compute_firewall')) as any[];
    expect(rules).toHaveLength(2);
    for (const r of rules) {
      expect(r.enable_logging).toBe(true);
      expect(r.log_config).toEqual({ metadata: 'INCLUDE_ALL_METADATA' });
      expect(r.priority).toBe(65534);
    }
    const ingress = rules.find((r) => r.direction === 'INGRESS');
    const egress = rules.find((r) => r.direction === 'EGRESS');
    expect(ingress).toMatchObject({ deny: [{ protocol: 'all' }], source_ranges: ['0.0.0.0/0'] });
    expect(egress).toMatchObject({ allow: [{ protocol: 'all' }], destination_ranges: ['0.0.0.0/0'] });
    expect(onlyResource(json, 'google_dns_policy')).toEqual({
      name: 'forensic-vpc-dns-logging',
      description: expect.any(String),
      enable_logging: true,
      networks: [{ network_url: expect.stringMatching(/^\$\{google_compute_network\.Net_[0-9A-F]+\.id\}$/) }],
    });
    expect(onlyResource(json, 'google_compute_router')).toMatchObject({ region: 'us-central1' });
    expect(onlyResource(json, 'google_compute_router_nat')).toMatchObject({
      region: 'us-central1',
      nat_ip_allocate_option: 'AUTO_ONLY',
      source_subnetwork_ip_ranges_to_nat: 'ALL_SUBNETWORKS_ALL_IP_RANGES',
      log_config: { enable: true, filter: 'ALL' },
    });
    expect(warningsOf(stack)).toEqual([]);
  });

  test('a network of the app is attached to instead of creating one', () => {
    const stack = newStack();
    const network = new ComputeNetwork(stack, 'Existing', { name: 'existing', autoCreateSubnetworks: false });
    new FlowLogs(stack, 'Net', { network, subnets: [subnet], natEnabled: false });
    const { text, json } = synth(stack);
    expect(Object.keys(resourcesOf(json, 'google_compute_network'))).toEqual(['Existing']);
    expect(text).toHaveResourceWithProperties(ComputeSubnetwork, { network: expect.stringMatching(/^\$\{google_compute_network\.Existing\.id\}$/) });
    expect(text).toHaveResourceWithProperties(DnsPolicy, { name: '${google_compute_network.Existing.name}-dns-logging', networks: [{ network_url: '${google_compute_network.Existing.id}' }] });
    expect(text).toHaveResourceWithProperties(ComputeFirewall, { name: '${google_compute_network.Existing.name}-deny-ingress-logged' });
  });

  test('subnets, firewall rules and NAT gateways of the app get their log_config set', () => {
    const stack = newStack();
    const network = new ComputeNetwork(stack, 'Vpc', { name: 'vpc', autoCreateSubnetworks: false });
    const sub = new ComputeSubnetwork(stack, 'Sub', { name: 'sub', network: network.id, region: 'europe-west4', ipCidrRange: '10.0.0.0/24' });
    const rule = new ComputeFirewall(stack, 'Rule', { name: 'allow-ssh', network: network.id, sourceRanges: ['35.235.240.0/20'], allow: [{ protocol: 'tcp', ports: ['22'] }] });
    const router = new ComputeRouter(stack, 'Router', { name: 'r', network: network.id, region: 'europe-west4' });
    const nat = new ComputeRouterNat(stack, 'Nat', { name: 'n', router: router.name, region: 'europe-west4', natIpAllocateOption: 'AUTO_ONLY', sourceSubnetworkIpRangesToNat: 'ALL_SUBNETWORKS_ALL_IP_RANGES' });
    const flow = new FlowLogs(stack, 'Net', { network, subnetworks: [sub], firewallRules: [rule], routerNats: [nat], baselineFirewallRulesEnabled: true });
    expect(flow.subnetworks).toEqual([sub]);
    const { text } = synth(stack);
    expect(text).toHaveResourceWithProperties(ComputeSubnetwork, { name: 'sub', log_config: FULL_FLOW_LOGS });
    expect(text).toHaveResourceWithProperties(ComputeFirewall, { name: 'allow-ssh', enable_logging: true, log_config: { metadata: 'INCLUDE_ALL_METADATA' } });
    expect(text).toHaveResourceWithProperties(ComputeRouterNat, { name: 'n', log_config: { enable: true, filter: 'ALL' } });
  });

  test('flowSampling below 1 is applied and warns', () => {
    const stack = newStack();
    new FlowLogs(stack, 'Net', { subnets: [subnet], flowSampling: 0.5 });
    const { json } = synth(stack);
    expect(onlyResource(json, 'google_compute_subnetwork').log_config.flow_sampling).toBe(0.5);
    expect(warningsOf(stack)).toEqual([expect.stringContaining(`[${WARNINGS.PARTIAL_SAMPLING}]`)]);
  });

  test('baseline firewall rules and DNS logging can be left out, each with a warning; NAT can be left out', () => {
    const stack = newStack();
    new FlowLogs(stack, 'Net', { subnets: [subnet], baselineFirewallRulesEnabled: false, dnsLoggingEnabled: false, natEnabled: false });
    const { json } = synth(stack);
    for (const type of ['google_compute_firewall', 'google_dns_policy', 'google_compute_router', 'google_compute_router_nat']) {
      expect(resourcesOf(json, type)).toEqual({});
    }
    expect(warningsOf(stack)).toEqual([expect.stringContaining('catch-all firewall'), expect.stringContaining('DNS query logging')]);
  });

  test('networkName and project are used', () => {
    const stack = newStack();
    new FlowLogs(stack, 'Net', { networkName: 'ml-vpc', project: 'acme-prod', subnets: [subnet] });
    const { text } = synth(stack);
    expect(text).toHaveResourceWithProperties(ComputeNetwork, { name: 'ml-vpc', project: 'acme-prod' });
    expect(text).toHaveResourceWithProperties(DnsPolicy, { name: 'ml-vpc-dns-logging', project: 'acme-prod' });
    expect(text).toHaveResourceWithProperties(ComputeRouterNat, { name: 'ml-vpc-us-central1-nat', project: 'acme-prod' });
  });

  test('fails when flowSampling is not in (0, 1]', () => {
    expect(() => new FlowLogs(newStack(), 'N', { flowSampling: 0 })).toThrow(/flowSampling must be a fraction greater than 0 and at most 1, got 0/);
    expect(() => new FlowLogs(newStack(), 'N', { flowSampling: 1.5 })).toThrow(/flowSampling/);
  });

  test('fails when names, regions or ranges are malformed', () => {
    expect(() => new FlowLogs(newStack(), 'N', { networkName: 'ML_VPC' })).toThrow(/networkName/);
    expect(() => new FlowLogs(newStack(), 'N', { networkName: 'a'.repeat(31) })).toThrow(/networkName must be an RFC 1035 name of at most 30 characters/);
    expect(() => new FlowLogs(newStack(), 'N', { subnets: [{ ...subnet, name: '1bad' }] })).toThrow(/subnets.name/);
    expect(() => new FlowLogs(newStack(), 'N', { subnets: [{ ...subnet, region: 'us-central1-a' }] })).toThrow(/subnets.region/);
    expect(() => new FlowLogs(newStack(), 'N', { subnets: [{ ...subnet, ipCidrRange: '10.0.0.0' }] })).toThrow(/subnets.ipCidrRange/);
  });

  test('fails when networkName is given with a network', () => {
    const stack = newStack();
    const network = new ComputeNetwork(stack, 'Vpc', { name: 'vpc' });
    expect(() => new FlowLogs(stack, 'N', { network, networkName: 'other' })).toThrow(/networkName must be unset when a network is given/);
  });
});

describe('FlowLogs props', () => {
  const flow = (props: unknown) => () => new FlowLogs(newStack(), 'N', props as FlowLogsProps);
  const FRACTION = /^a fraction greater than 0 and at most 1$/;

  test('fails when props are not an object', () => {
    refusal(flow([subnet]), 'props', /^FlowLogsProps$/);
  });

  test.each([
    ['0', 0],
    ['-0.5', -0.5],
    ['1.5', 1.5],
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['the string "1"', '1'],
  ])('fails when flowSampling is %s', (_case, flowSampling) => {
    refusal(flow({ flowSampling }), 'flowSampling', FRACTION);
  });

  test('two subnets of one name are refused, even in different regions (each becomes a construct of its own)', () => {
    const e = refusal(flow({ subnets: [subnet, { ...subnet, region: 'us-east1', ipCidrRange: '10.20.0.0/20' }] }), 'subnets', /^entries that are all different/);
    expect(e.received).toBe('"Subnet-ml-subnet"');
  });

  test.each([
    ['name', 'starting with a digit', '1bad', /^an RFC 1035 name/],
    ['name', 'in upper case', 'ML-subnet', /^an RFC 1035 name/],
    ['name', '64 characters long', `s${'a'.repeat(63)}`, /^an RFC 1035 name/],
    ['region', 'a zone', 'us-central1-a', /^a region such as us-central1$/],
    ['region', 'empty', '', /^a region such as us-central1$/],
    ['ipCidrRange', 'without a prefix length', '10.0.0.0', /four octets and a prefix length/],
    ['ipCidrRange', 'an octet above 255', '10.0.256.0/24', /octets of 0 to 255/],
    ['ipCidrRange', 'a prefix length above 32', '10.0.0.0/33', /a prefix length of 0 to 32/],
    ['ipCidrRange', 'IPv6', 'fd00::/64', /four octets/],
  ])('fails when a subnet %s is %s', (field, _case, value, expected) => {
    refusal(flow({ subnets: [{ ...subnet, [field]: value }] }), `subnets.${field}`, expected);
  });

  test('fails when a subnet spec is not an object, or subnets is not a list', () => {
    refusal(flow({ subnets: ['ml-subnet'] }), 'subnets[0]', /^a FlowLogsSubnetSpec/);
    refusal(flow({ subnets: subnet }), 'subnets', /^a list of subnet specs written out$/);
  });

  test('fails when subnets is a token list', () => {
    const stack = newStack();
    const subnets = new TerraformVariable(stack, 'subnets', { type: 'list(any)' }).listValue;
    refusal(() => new FlowLogs(stack, 'N', { subnets } as unknown as FlowLogsProps), 'subnets', /^a list written out/);
  });

  test('fails when network is not a ComputeNetwork of this app', () => {
    refusal(flow({ network: { id: 'projects/p/global/networks/vpc', name: 'vpc' } }), 'network', /^a ComputeNetwork of this app$/);
  });

  test('fails when networkName is given with a network, naming the prop', () => {
    const stack = newStack();
    const network = new ComputeNetwork(stack, 'Vpc', { name: 'vpc' });
    refusal(() => new FlowLogs(stack, 'N', { network, networkName: 'other' }), 'networkName', /^unset when a network is given$/);
  });

  test.each([
    ['subnetworks', 'ComputeSubnetwork'],
    ['firewallRules', 'ComputeFirewall'],
    ['routerNats', 'ComputeRouterNat'],
  ])('fails when %s holds something that is not a %s of this app', (prop, name) => {
    const stack = newStack();
    const network = new ComputeNetwork(stack, 'Vpc', { name: 'vpc' });
    refusal(() => new FlowLogs(stack, 'N', { [prop]: [network] } as FlowLogsProps), `${prop}[0]`, new RegExp(`^a ${name} of this app$`));
    refusal(() => new FlowLogs(newStack(), 'N', { [prop]: [{ name: 'x' }] } as unknown as FlowLogsProps), `${prop}[0]`, new RegExp(`^a ${name} of this app$`));
  });

  test('fails when a given subnetwork is listed twice', () => {
    const stack = newStack();
    const network = new ComputeNetwork(stack, 'Vpc', { name: 'vpc' });
    const sub = new ComputeSubnetwork(stack, 'Sub', { name: 'sub', network: network.id, region: 'us-central1', ipCidrRange: '10.0.0.0/24' });
    refusal(() => new FlowLogs(stack, 'N', { network, subnetworks: [sub, sub] }), 'subnetworks', /without repeats$/);
  });

  test.each(['baselineFirewallRulesEnabled', 'dnsLoggingEnabled', 'natEnabled'])('fails when %s is not a boolean', (prop) => {
    refusal(flow({ [prop]: 'false' }), prop, /^true or false$/);
  });

  test('fails when project is not a project id', () => {
    refusal(flow({ project: 'acme' }), 'project', /^a project id/);
  });

  test('flowSampling under 1 warns partial-sampling, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning((stack) => new FlowLogs(stack, 'N', { subnets: [subnet], flowSampling: 0.99 }), WARNINGS.PARTIAL_SAMPLING, /VPC flow logs sample 99% of flows/);
  });

  test('baselineFirewallRulesEnabled: false warns weakened-default, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning((stack) => new FlowLogs(stack, 'N', { baselineFirewallRulesEnabled: false }), WARNINGS.WEAKENED_DEFAULT, /no logged catch-all firewall rules/);
  });

  test('dnsLoggingEnabled: false warns weakened-default, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning((stack) => new FlowLogs(stack, 'N', { dnsLoggingEnabled: false }), WARNINGS.WEAKENED_DEFAULT, /no DNS query logging from this construct/);
  });

  test('TerraformVariable tokens reach cdk.tf.json unchanged: flow sampling, subnet name, region and range as written; no warning', () => {
    const stack = newStack();
    new FlowLogs(stack, 'N', {
      project: stringVariable(stack, 'project'),
      flowSampling: numberVariable(stack, 'sampling'),
      subnets: [
        { name: stringVariable(stack, 'subnet'), region: stringVariable(stack, 'region'), ipCidrRange: stringVariable(stack, 'range') },
        { ...subnet, region: 'us-east1' },
      ],
    });
    const { text, json } = synthFile(stack);
    const subnets = Object.values(resourcesOf(json, 'google_compute_subnetwork'));
    expect(subnets).toEqual([
      expect.objectContaining({ name: '${var.subnet}', region: '${var.region}', ip_cidr_range: '${var.range}', project: '${var.project}', log_config: { ...FULL_FLOW_LOGS, flow_sampling: '${var.sampling}' } }),
      expect.objectContaining({ name: 'ml-subnet', region: 'us-east1', log_config: { ...FULL_FLOW_LOGS, flow_sampling: '${var.sampling}' } }),
    ]);
    expect(Object.values(resourcesOf(json, 'google_compute_router_nat')).map((n: any) => n.region)).toEqual(['${var.region}', 'us-east1']);
    expectNoCorruptTokens(text);
    expect(warningsOf(stack)).toEqual([]);
  });
});
