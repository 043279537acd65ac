import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { Construct } from 'constructs';
import { applyTags } from './annotations';
import { evidenceBucketProp, tagsProp, vpcProp } from './checks';
import { EvidenceBucket } from './evidence-bucket';
import { propCheck } from './props';
import { PropKeys } from '../core';

/** The props of DnsQueryLogs: the evidence bucket the query logs go into and the VPCs whose queries are logged. */
export interface DnsQueryLogsProps {
  /** The evidence bucket the query logs are delivered into; required, refused when it is not an EvidenceBucket. */
  readonly destination: EvidenceBucket;
  /** VPCs whose DNS queries through the Route 53 Resolver are logged; refused when empty, repeated or not an `ec2.IVpc` (a VPC id string: import it with `ec2.Vpc.fromVpcAttributes`). */
  readonly vpcs: ec2.IVpc[];
  /** A name for the query logging configuration. @default - 'forensic-dns-query-logs' */
  readonly configName?: string;
  /** Extra tags. @default - the kit's tags only */
  readonly tags?: Record<string, string>;
}

/** The props DnsQueryLogsProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const DNS_QUERY_LOGS_PROPS_KEYS = { destination: true, vpcs: true, configName: true, tags: true } as const satisfies PropKeys<DnsQueryLogsProps>;

/**
 * Route 53 Resolver query logging for every VPC given, delivered into an EvidenceBucket: which
 * names each workload resolved, the evidence of a call-home or of a package pulled from an
 * unexpected mirror. Queries that bypass the Resolver (a workload talking to its own DNS server)
 * are not recorded; the flow logs show them as port 53 traffic.
 */
export class DnsQueryLogs extends Construct {
  /** The Resolver query logging configuration, delivering into the destination bucket. */
  public readonly config: route53resolver.CfnResolverQueryLoggingConfig;
  /** The association of each VPC of `vpcs` with the configuration, in their order. */
  public readonly associations: route53resolver.CfnResolverQueryLoggingConfigAssociation[] = [];

  constructor(scope: Construct, id: string, props: DnsQueryLogsProps) {
    super(scope, id);
    const check = propCheck(this);
    const p = check.props<DnsQueryLogsProps>('props', props, DNS_QUERY_LOGS_PROPS_KEYS, 'a DnsQueryLogsProps object');
    const destination = evidenceBucketProp(check, 'destination', p.destination);
    const vpcs = check.list<unknown>('vpcs', p.vpcs, { nonEmpty: true, unique: true, expected: 'at least one VPC' }).map((v, i) => vpcProp(check, `vpcs[${i}]`, v));
    const name = check.string('configName', p.configName ?? 'forensic-dns-query-logs', {
      pattern: /^[\w .:/=+\-@]{1,64}$/,
      expected: 'a name of 1 to 64 letters, digits, spaces and _ .:/=+-@',
    });
    const tags = tagsProp(check, 'tags', p.tags);
    destination.allowLogDelivery();
    this.config = new route53resolver.CfnResolverQueryLoggingConfig(this, 'Resource', {
      name,
      destinationArn: destination.bucketArn,
    });
    if (destination.bucket.policy) this.config.node.addDependency(destination.bucket.policy);
    vpcs.forEach((vpc, i) => {
      this.associations.push(
        new route53resolver.CfnResolverQueryLoggingConfigAssociation(this, `Association${i}`, {
          resolverQueryLogConfigId: this.config.attrId,
          resourceId: vpc.vpcId,
        }),
      );
    });
    applyTags(this, 'dns', false, tags);
  }
}
