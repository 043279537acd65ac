import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { Construct } from 'constructs';
import { requireNonEmpty, requirePattern } from '../core';
import { applyTags } from './annotations';
import { EvidenceBucket } from './evidence-bucket';

/** The props of DnsQueryLogs: the evidence bucket the query logs go into and the VPCs whose queries are logged. */
export interface DnsQueryLogsProps {
  /** The evidence bucket the query logs are delivered into. */
  readonly destination: EvidenceBucket;
  /** VPCs whose DNS queries through the Route 53 Resolver are logged. */
  readonly vpcs: ec2.IVpc[];
  /** A name for the query logging configuration. @default - 'forensic-dns-query-logs' */
  readonly configName?: string;
  /** Extra tags. @default - the kit's tags only */
  readonly tags?: Record<string, string>;
}

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
    const where = this.node.path;
    requireNonEmpty('vpcs', props.vpcs, 'at least one VPC', where);
    const name = props.configName ?? 'forensic-dns-query-logs';
    requirePattern('configName', name, /^[\w .:/=+\-@]{1,64}$/, 'a name of 1 to 64 letters, digits, spaces and _ .:/=+-@', where);
    props.destination.allowLogDelivery();
    this.config = new route53resolver.CfnResolverQueryLoggingConfig(this, 'Resource', {
      name,
      destinationArn: props.destination.bucketArn,
    });
    if (props.destination.bucket.policy) this.config.node.addDependency(props.destination.bucket.policy);
    props.vpcs.forEach((vpc, i) => {
      this.associations.push(
        new route53resolver.CfnResolverQueryLoggingConfigAssociation(this, `Association${i}`, {
          resolverQueryLogConfigId: this.config.attrId,
          resourceId: vpc.vpcId,
        }),
      );
    });
    applyTags(this, 'dns', false, props.tags);
  }
}
