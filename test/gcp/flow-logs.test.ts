import { ComputeFirewall } from '@cdktf/provider-google/lib/compute-firewall';
import { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
import { ComputeRouter } from '@cdktf/provider-google/lib/compute-router';
import { ComputeRouterNat } from '@cdktf/provider-google/lib/compute-router-nat';
import { ComputeSubnetwork } from '@cdktf/provider-google/lib/compute-subnetwork';
import { DnsPolicy } from '@cdktf/provider-google/lib/dns-policy';
import { WARNINGS } from '../../constructs/core';
import { FlowLogs } from '../../constructs/gcp';
import { newStack, onlyResource, resourcesOf, synth, warningsOf } from './helpers';

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
