import { Aspects, IAspect, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct, IConstruct } from 'constructs';
import { CLOUDWATCH_ROUNDED_UP, DEFAULT_RETENTION_DAYS, PropKeys, Retention, WARNINGS } from '../core';
import { acknowledgeWildcards, applyTags, objectWildcardFinding, warn } from './annotations';
import { cloudWatchDays, evidenceBucketProp, KEY_PREFIX, keyProp, scopeProp, tagsProp, underFloor } from './checks';
import { EvidenceBucket } from './evidence-bucket';
import { allowCloudWatchLogsToUseKey } from './evidence-policy';
import { propCheck } from './props';

/** The props of SageMakerAudit: where data capture writes, its key and sampling, the scope that capture and hardening cover, and the endpoints' log retention. */
export interface SageMakerAuditProps {
  /** The evidence bucket data capture writes into; required, refused when it is not an EvidenceBucket. */
  readonly destination: EvidenceBucket;
  /** Key prefix of captured data in the destination. @default 'sagemaker-data-capture' */
  readonly prefix?: string;
  /** Key that encrypts captured data and endpoint volumes. @default - the destination's key */
  readonly encryptionKey?: kms.IKey;
  /** Percentage of requests captured, an integer 1 to 100 (a token passes unchanged); under 100 warns. @default 100 - every request: an extraction attack hides in the requests not kept */
  readonly samplingPercentage?: number;
  /** Apply data capture and hardening to every endpoint config, model and notebook under this scope. @default - the stack this construct is in */
  readonly scope?: IConstruct;
  /** Retention of the log groups of the endpoints under the scope, 1 to 3,653 days (a token passes unchanged); under 365 days warns. An endpoint without an endpointName gets no log group, and warns. @default Retention.days(365) */
  readonly retention?: Retention;
  /** Apply the hardening that keeps evidence trustworthy (network isolation, KMS, notebooks without internet or root). @default true */
  readonly hardeningEnabled?: boolean;
  /** Extra tags. @default - the kit's tags only */
  readonly tags?: Record<string, string>;
}

/** The props SageMakerAuditProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const SAGE_MAKER_AUDIT_PROPS_KEYS = { destination: true, prefix: true, encryptionKey: true, samplingPercentage: true, scope: true, retention: true, hardeningEnabled: true, tags: true } as const satisfies PropKeys<SageMakerAuditProps>;

/** The data-capture folders of the endpoints a SageMakerAudit covers, known at synth. */
export interface CapturedEndpoints {
  /** The endpoint names (the first folder under the capture prefix), sorted. */
  readonly endpointNames: string[];
  /** The production variant names (the folder under each endpoint), sorted. */
  readonly variantNames: string[];
}

/**
 * SageMaker inference evidence: data capture of every request and response (Input and Output,
 * 100 % sampling, KMS) into a prefix of an EvidenceBucket on every endpoint config under a scope,
 * existing ones included; log groups with retention for the endpoints; and the hardening that keeps
 * that evidence trustworthy: network isolation on models, KMS on endpoint and notebook volumes,
 * notebooks without direct internet access or root.
 *
 * Data capture is written by SageMaker with the model's execution role: call `grantCapture(role)`.
 */
export class SageMakerAudit extends Construct {
  /** Where data capture writes: `s3://<destination bucket>/<prefix>`. */
  public readonly destinationUri: string;
  /** The KMS key of captured data and the endpoints' log groups, and of endpoint and notebook volumes that name none: the one given, or the destination's. */
  public readonly encryptionKey: kms.IKey;
  /** The percentage of requests data capture keeps, 1 to 100. */
  public readonly samplingPercentage: number;
  /** The evidence bucket data capture writes into. */
  public readonly destination: EvidenceBucket;
  /** The key prefix of captured data in the destination, without slashes at either end. */
  public readonly prefix: string;
  private readonly props: SageMakerAuditProps;
  private readonly auditScope: IConstruct;
  private readonly retentionDays: number;
  private readonly warnedEndpoints = new Set<sagemaker.CfnEndpoint>();

  constructor(scope: Construct, id: string, props: SageMakerAuditProps) {
    super(scope, id);
    const where = this.node.path;
    const check = propCheck(this);
    const p = check.props<SageMakerAuditProps>('props', props, SAGE_MAKER_AUDIT_PROPS_KEYS, 'a SageMakerAuditProps object');
    const destination = evidenceBucketProp(check, 'destination', p.destination);
    this.prefix = check.string('prefix', p.prefix ?? 'sagemaker-data-capture', KEY_PREFIX);
    const encryptionKey = p.encryptionKey === undefined ? undefined : keyProp(check, 'encryptionKey', p.encryptionKey);
    this.samplingPercentage = check.integer('samplingPercentage', p.samplingPercentage, { min: 1, max: 100 }, 100);
    const auditScope = p.scope === undefined ? undefined : scopeProp(check, 'scope', p.scope);
    const retention = check.retention('retention', p.retention, CLOUDWATCH_ROUNDED_UP, Retention.default());
    const hardeningEnabled = check.bool('hardeningEnabled', p.hardeningEnabled, true);
    const tags = tagsProp(check, 'tags', p.tags);
    this.props = { ...p, destination, prefix: this.prefix, encryptionKey, samplingPercentage: this.samplingPercentage, scope: auditScope, retention, hardeningEnabled, tags };
    if (!check.isToken(this.samplingPercentage) && this.samplingPercentage < 100) {
      warn(this, WARNINGS.PARTIAL_SAMPLING, `${where}: data capture keeps ${this.samplingPercentage}% of requests; the requests of a model extraction attack may be among those not kept.`);
    }
    this.retentionDays = retention.days;
    if (underFloor(this.retentionDays)) {
      warn(this, WARNINGS.SHORT_RETENTION, `${where}: endpoint log retention of ${this.retentionDays} days is under the kit's floor of ${DEFAULT_RETENTION_DAYS} days.`);
    }
    if (!hardeningEnabled) {
      warn(this, WARNINGS.WEAKENED_DEFAULT, `${where}: SageMaker hardening is off; models may reach the internet and notebooks keep root and direct internet access.`);
    }
    this.encryptionKey = encryptionKey ?? destination.encryptionKey;
    this.destination = destination;
    this.auditScope = auditScope ?? Stack.of(this);
    this.destinationUri = `s3://${destination.bucketName}/${this.prefix}`;
    Aspects.of(auditScope ?? Stack.of(this)).add(new ApplySageMakerAudit(this));
    applyTags(this, 'ml-inference', false, tags);
  }

  /** The data capture configuration this construct applies. */
  public dataCaptureConfig(): sagemaker.CfnEndpointConfig.DataCaptureConfigProperty {
    return {
      enableCapture: true,
      initialSamplingPercentage: this.samplingPercentage,
      destinationS3Uri: this.destinationUri,
      kmsKeyId: this.encryptionKey.keyArn,
      captureOptions: [{ captureMode: 'Input' }, { captureMode: 'Output' }],
      captureContentTypeHeader: { jsonContentTypes: ['application/json'], csvContentTypes: ['text/csv'] },
    };
  }

  /**
   * The endpoints under the scope whose names are known at synth, and the production variant
   * names of the endpoint configs under it: the folders data capture writes
   * (`<prefix>/<endpoint>/<variant>/...`). Read at synth, after the tree is complete.
   */
  public capturedEndpoints(): CapturedEndpoints {
    const nodes = this.auditScope.node.findAll();
    const literal = (v: unknown): v is string => typeof v === 'string' && !Token.isUnresolved(v);
    const endpointNames = nodes.filter((n): n is sagemaker.CfnEndpoint => n instanceof sagemaker.CfnEndpoint).map((e) => e.endpointName).filter(literal);
    const variantNames = nodes
      .filter((n): n is sagemaker.CfnEndpointConfig => n instanceof sagemaker.CfnEndpointConfig)
      .flatMap((c) => (Array.isArray(c.productionVariants) ? c.productionVariants : []) as sagemaker.CfnEndpointConfig.ProductionVariantProperty[])
      .map((v) => v.variantName)
      .filter(literal);
    return { endpointNames: [...new Set(endpointNames)].sort(), variantNames: [...new Set(variantNames)].sort() };
  }

  /** Lets a model's execution role write captured data (and nothing else) into the destination prefix. */
  public grantCapture(role: iam.IGrantable): iam.Grant {
    const grant = this.props.destination.grantAppend(role, `${this.prefix}/*`);
    if (role instanceof Construct) {
      acknowledgeWildcards(
        role,
        [objectWildcardFinding(this.props.destination.bucket, `/${this.prefix}/*`), 'Action::kms:GenerateDataKey*'],
        'Data capture writes one object per batch of requests under this prefix only (PutObject, no read or delete); kms:GenerateDataKey* covers the two data-key calls SSE-KMS makes.',
      );
    }
    return grant;
  }

  /** @internal */
  public _visit(node: IConstruct): void {
    if (node instanceof sagemaker.CfnEndpointConfig) {
      node.dataCaptureConfig = this.dataCaptureConfig();
      if (this.props.hardeningEnabled !== false && node.kmsKeyId === undefined) node.kmsKeyId = this.encryptionKey.keyArn;
    } else if (node instanceof sagemaker.CfnEndpoint) {
      this.endpointLogGroup(node);
    } else if (this.props.hardeningEnabled !== false && node instanceof sagemaker.CfnModel) {
      if (node.enableNetworkIsolation === false) {
        warn(node, WARNINGS.WEAKENED_DEFAULT, `${node.node.path}: network isolation is explicitly off; the container can reach the internet and exfiltrate without crossing the VPC.`);
      } else {
        node.enableNetworkIsolation = true;
      }
      if (node.vpcConfig === undefined) {
        warn(node, WARNINGS.WEAKENED_DEFAULT, `${node.node.path}: the model has no VPC config; its traffic does not appear in VPC flow logs.`);
      }
    } else if (this.props.hardeningEnabled !== false && node instanceof sagemaker.CfnNotebookInstance) {
      node.rootAccess = 'Disabled';
      node.kmsKeyId ??= this.encryptionKey.keyArn;
      if (node.subnetId === undefined) {
        warn(node, WARNINGS.WEAKENED_DEFAULT, `${node.node.path}: a notebook without a subnet keeps direct internet access (SageMaker requires a VPC to turn it off).`);
      } else {
        node.directInternetAccess = 'Disabled';
      }
    }
  }

  private endpointLogGroup(endpoint: sagemaker.CfnEndpoint): void {
    const name = endpoint.endpointName;
    if (endpoint.node.tryFindChild('ForensicLogGroup') || this.warnedEndpoints.has(endpoint)) return;
    if (name === undefined) {
      // SageMaker names the endpoint at deploy and creates its log group on first use, with no expiry.
      this.warnedEndpoints.add(endpoint);
      warn(endpoint, WARNINGS.WEAKENED_DEFAULT, `${endpoint.node.path}: the endpoint has no endpointName, so ${this.node.path} cannot create its log group /aws/sagemaker/Endpoints/<name> beforehand; SageMaker creates it on first use, never expiring, unencrypted by the evidence key and deleted with nothing. Give the endpoint a name.`);
      return;
    }
    allowCloudWatchLogsToUseKey(this.encryptionKey);
    propCheck(endpoint).string('endpointName', name, { pattern: /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, expected: 'a SageMaker endpoint name' });
    // SageMaker creates this group on first use with no expiry; creating it first sets the retention.
    const group = new logs.LogGroup(endpoint, 'ForensicLogGroup', {
      logGroupName: `/aws/sagemaker/Endpoints/${name}`,
      retention: cloudWatchDays(this.retentionDays) as logs.RetentionDays,
      encryptionKey: this.encryptionKey,
      // Neither the stack nor anyone with logs:DeleteLogGroup removes the endpoint's logs.
      deletionProtectionEnabled: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    endpoint.node.addDependency(group);
  }
}

class ApplySageMakerAudit implements IAspect {
  constructor(private readonly audit: SageMakerAudit) {}
  public visit(node: IConstruct): void {
    this.audit._visit(node);
  }
}
