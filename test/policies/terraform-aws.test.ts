/**
 * hashicorp/aws Terraform judged by the AWS rules: one compliant configuration (cdk.tf.json), and
 * for every rule the ways to break it, a setting from a variable (UNKNOWN) and a configuration it
 * does not apply to. Each case runs twice: as Terraform JSON and as the `terraform show -json`
 * plan of the same configuration (references known only after apply, literals known).
 */
import * as path from 'path';
import { buildModel, loadDocument, loadPaths } from '../../policies/engine/loader';
import { ResourceModel, UNRESOLVED } from '../../policies/engine/model';
import { RunResult, runRules } from '../../policies/engine/runner';
import { DEFAULT_RULE_CONFIG, MERGED_INTO_ATTRIBUTE } from '../../policies/engine/types';
import { AWS_RULES } from '../../policies/rules/aws';
import { scratchFolder } from './helpers';

type Doc = { resource: Record<string, Record<string, Record<string, unknown>>> } & Record<string, unknown>;

const FORMAT =
  '$${version} $${account-id} $${interface-id} $${srcaddr} $${dstaddr} $${srcport} $${dstport} $${protocol} $${packets} $${bytes} $${start} $${end} $${action} $${log-status} $${vpc-id} $${subnet-id} $${instance-id} $${tcp-flags} $${type} $${pkt-srcaddr} $${pkt-dstaddr} $${flow-direction} $${traffic-path}';
const keep = { prevent_destroy: true };
/** S3 data events of every bucket but the trail's own. */
const OBJECTS = [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::S3::Object'] }, { field: 'resources.ARN', not_starts_with: ['${aws_s3_bucket.evidence.arn}/'] }];
const evidenceBucket = '${aws_s3_bucket.evidence.id}';
const BEDROCK_TYPES = ['Model', 'AsyncInvoke', 'AgentAlias', 'InlineAgent', 'KnowledgeBase', 'FlowAlias', 'Guardrail', 'PromptVersion', 'Session', 'FlowExecution', 'Tool'].map((t) => `AWS::Bedrock::${t}`);

/** Every AWS rule applies to something here, and every one is satisfied. */
function compliant(): Doc {
  return {
    variable: { x: {} },
    resource: {
      aws_kms_key: { evidence: { enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: keep } },
      aws_kms_alias: { evidence: { name: 'alias/evidence', target_key_id: '${aws_kms_key.evidence.key_id}' } },
      aws_s3_bucket: {
        evidence: { bucket: 'org-evidence', object_lock_enabled: true, lifecycle: keep },
        access: { bucket: 'org-access-logs', lifecycle: keep },
        data: { bucket: 'org-data' },
        config: { bucket: 'org-config', lifecycle: keep },
      },
      aws_s3_bucket_replication_configuration: {
        config: { bucket: '${aws_s3_bucket.config.id}', role: '${aws_iam_role.flow.arn}', rule: [{ id: 'config', status: 'Enabled', filter: { prefix: 'config/' }, destination: { bucket: '${aws_s3_bucket.evidence.arn}' } }] },
      },
      aws_s3_bucket_object_lock_configuration: {
        evidence: { bucket: evidenceBucket, rule: { default_retention: { mode: 'COMPLIANCE', days: 400 } } },
      },
      aws_s3_bucket_versioning: {
        evidence: { bucket: evidenceBucket, versioning_configuration: { status: 'Enabled' } },
        access: { bucket: '${aws_s3_bucket.access.id}', versioning_configuration: { status: 'Enabled' } },
        config: { bucket: '${aws_s3_bucket.config.id}', versioning_configuration: { status: 'Enabled' } },
      },
      aws_s3_bucket_server_side_encryption_configuration: {
        evidence: { bucket: evidenceBucket, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.evidence.arn}' }, bucket_key_enabled: true }] },
        access: { bucket: '${aws_s3_bucket.access.id}', rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] },
      },
      aws_s3_bucket_public_access_block: {
        evidence: { bucket: evidenceBucket, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
        access: { bucket: '${aws_s3_bucket.access.id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
        config: { bucket: '${aws_s3_bucket.config.id}', block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
      },
      aws_s3_bucket_policy: {
        evidence: { bucket: evidenceBucket, policy: tlsOnly('evidence') },
        access: { bucket: '${aws_s3_bucket.access.id}', policy: tlsOnly('access') },
        config: { bucket: '${aws_s3_bucket.config.id}', policy: tlsOnly('config') },
      },
      aws_s3_bucket_logging: { evidence: { bucket: evidenceBucket, target_bucket: '${aws_s3_bucket.access.id}', target_prefix: 'evidence/' } },
      aws_iam_role: { trail: { name: 'trail' }, flow: { name: 'flow' }, studio: { name: 'studio', assume_role_policy: studioTrust(['sts:AssumeRole', 'sts:SetSourceIdentity']) } },
      aws_cloudwatch_log_group: {
        trail: { name: 'trail-logs', retention_in_days: 400, kms_key_id: '${aws_kms_key.evidence.arn}', lifecycle: keep },
        ...sageMakerGroup('endpoint', '/aws/sagemaker/Endpoints/endpoint'),
        ...sageMakerGroup('notebooks', '/aws/sagemaker/NotebookInstances'),
        ...sageMakerGroup('studio', '/aws/sagemaker/studio'),
      },
      aws_cloudwatch_log_subscription_filter: Object.fromEntries(['endpoint', 'notebooks', 'studio'].map((g) => [g, { name: 'evidence', log_group_name: `\${aws_cloudwatch_log_group.${g}.name}`, filter_pattern: '', destination_arn: '${aws_kinesis_firehose_delivery_stream.jobs.arn}', role_arn: '${aws_iam_role.flow.arn}' }])),
      aws_kinesis_firehose_delivery_stream: { jobs: { name: 'jobs', destination: 'extended_s3', extended_s3_configuration: { role_arn: '${aws_iam_role.flow.arn}', bucket_arn: '${aws_s3_bucket.evidence.arn}', prefix: 'sagemaker/' } } },
      aws_sagemaker_domain: {
        main: { domain_name: 'research', auth_mode: 'IAM', vpc_id: '${aws_vpc.main.id}', subnet_ids: ['subnet-1'], default_user_settings: { execution_role: '${aws_iam_role.studio.arn}' }, domain_settings: { execution_role_identity_config: 'USER_PROFILE_NAME' } },
      },
      aws_cloudtrail: {
        org: {
          name: 'org',
          s3_bucket_name: evidenceBucket,
          enable_log_file_validation: true,
          is_multi_region_trail: true,
          kms_key_id: '${aws_kms_key.evidence.arn}',
          cloud_watch_logs_group_arn: '${aws_cloudwatch_log_group.trail.arn}:*',
          cloud_watch_logs_role_arn: '${aws_iam_role.trail.arn}',
          advanced_event_selector: [
            { name: 'management', field_selector: [{ field: 'eventCategory', equals: ['Management'] }] },
            { name: 'objects', field_selector: OBJECTS },
            { name: 'endpoints', field_selector: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::SageMaker::Endpoint'] }] },
            ...BEDROCK_TYPES.map((t) => ({ name: t, field_selector: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: [t] }] })),
          ],
        },
      },
      aws_vpc: { main: { cidr_block: '10.0.0.0/16' } },
      aws_flow_log: { main: { vpc_id: '${aws_vpc.main.id}', traffic_type: 'ALL', log_destination_type: 's3', log_destination: '${aws_s3_bucket.evidence.arn}', log_format: FORMAT, max_aggregation_interval: 60 } },
      aws_route53_resolver_query_log_config: { main: { name: 'dns', destination_arn: '${aws_s3_bucket.evidence.arn}' } },
      aws_route53_resolver_query_log_config_association: { main: { resolver_query_log_config_id: '${aws_route53_resolver_query_log_config.main.id}', resource_id: '${aws_vpc.main.id}' } },
      aws_sagemaker_model: { main: { name: 'model', execution_role_arn: '${aws_iam_role.flow.arn}', enable_network_isolation: true, vpc_config: { security_group_ids: ['sg-1'], subnets: ['subnet-1'] } } },
      aws_sagemaker_endpoint_configuration: {
        main: {
          name: 'config',
          kms_key_arn: '${aws_kms_key.evidence.arn}',
          production_variants: [{ variant_name: 'main', model_name: '${aws_sagemaker_model.main.name}', instance_type: 'ml.m5.large', initial_instance_count: 1 }],
          data_capture_config: {
            enable_capture: true,
            initial_sampling_percentage: 100,
            destination_s3_uri: 's3://${aws_s3_bucket.evidence.bucket}/capture',
            kms_key_id: '${aws_kms_key.evidence.arn}',
            capture_options: [{ capture_mode: 'Input' }, { capture_mode: 'Output' }],
          },
        },
      },
      aws_sagemaker_endpoint: { main: { name: 'endpoint', endpoint_config_name: '${aws_sagemaker_endpoint_configuration.main.name}' } },
      aws_sagemaker_notebook_instance: { main: { name: 'nb', instance_type: 'ml.t3.medium', role_arn: '${aws_iam_role.flow.arn}', direct_internet_access: 'Disabled', root_access: 'Disabled', kms_key_id: '${aws_kms_key.evidence.arn}', subnet_id: 'subnet-1' } },
      aws_athena_workgroup: { main: { name: 'forensics', configuration: athenaConfig() } },
      aws_bedrock_model_invocation_logging_configuration: {
        main: { logging_config: { text_data_delivery_enabled: true, image_data_delivery_enabled: true, embedding_data_delivery_enabled: true, video_data_delivery_enabled: true, s3_config: { bucket_name: '${aws_s3_bucket.data.id}', key_prefix: 'bedrock' } } },
      },
      aws_config_configuration_recorder: { main: { name: 'main', role_arn: '${aws_iam_role.flow.arn}', recording_group: { all_supported: true, include_global_resource_types: true }, recording_mode: { recording_frequency: 'CONTINUOUS' } } },
      aws_config_configuration_recorder_status: { main: { name: '${aws_config_configuration_recorder.main.name}', is_enabled: true } },
      aws_config_delivery_channel: { main: { name: 'main', s3_bucket_name: '${aws_s3_bucket.config.id}', s3_key_prefix: 'config', snapshot_delivery_properties: { delivery_frequency: 'Six_Hours' } } },
      aws_config_retention_configuration: { main: { retention_period_in_days: 2557 } },
      aws_guardduty_detector: { main: { enable: true } },
      aws_guardduty_detector_feature: {
        s3: { detector_id: '${aws_guardduty_detector.main.id}', name: 'S3_DATA_EVENTS', status: 'ENABLED' },
        runtime: { detector_id: '${aws_guardduty_detector.main.id}', name: 'RUNTIME_MONITORING', status: 'ENABLED', additional_configuration: [{ name: 'EKS_ADDON_MANAGEMENT', status: 'ENABLED' }] },
      },
      aws_guardduty_publishing_destination: { main: { detector_id: '${aws_guardduty_detector.main.id}', destination_arn: '${aws_s3_bucket.evidence.arn}', kms_key_arn: '${aws_kms_key.evidence.arn}' } },
    },
  };
}

/** A SageMaker log group as SageMakerJobLogs makes it: retention, the evidence key, deletion protection, kept on destroy. */
function sageMakerGroup(id: string, name: string): Record<string, Record<string, unknown>> {
  return { [id]: { name, retention_in_days: 400, kms_key_id: '${aws_kms_key.evidence.arn}', deletion_protection_enabled: true, skip_destroy: true } };
}

/** A Studio execution role's trust policy: SageMaker may take these actions. */
function studioTrust(actions: string[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sagemaker.amazonaws.com' }, Action: actions }] });
}

/** The bucket policy denying every request without TLS to a bucket and its objects; `over` replaces fields of its statement. */
function tlsOnly(bucket: string, over: Record<string, unknown> = {}): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`\${aws_s3_bucket.${bucket}.arn}`, `\${aws_s3_bucket.${bucket}.arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } }, ...over }],
  });
}

/**
 * The plan Terraform would show for a configuration: a reference is known only after apply (an
 * unknown value with its expression's references), a literal is known, `${var.x}` is unknown with
 * no resource behind it. Lifecycle is not in a plan.
 */
function toPlan(doc: Doc): Record<string, unknown> {
  known = (expr) => {
    const [type, name, attr] = expr.split('.');
    const body = doc.resource[type]?.[name];
    if (type === 'aws_s3_bucket' && body) return attr === 'arn' ? `arn:aws:s3:::${String(body.bucket)}` : String(body.bucket);
    if (type === 'aws_cloudwatch_log_group' && body && attr === 'arn') return `arn:aws:logs:eu-west-1:111122223333:log-group:${String(body.name)}`;
    return undefined;
  };
  const resources: unknown[] = [];
  const changes: unknown[] = [];
  const config: unknown[] = [];
  for (const [type, byName] of Object.entries(doc.resource)) {
    for (const [name, body] of Object.entries(byName)) {
      const address = `${type}.${name}`;
      const { lifecycle: _l, ...props } = body;
      const values: Record<string, unknown> = {};
      const unknown: Record<string, unknown> = {};
      const expressions: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(props)) {
        // `tags` is a map attribute, not a block: a plan writes it as an object.
        const [value, unk, expr] = k === 'tags' ? [v, undefined, { constant_value: v }] : planValue(v);
        if (value !== undefined) values[k] = value;
        if (unk !== undefined) unknown[k] = unk;
        expressions[k] = expr;
      }
      resources.push({ address, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/aws', values });
      changes.push({ address, mode: 'managed', type, name, change: { actions: ['create'], after: values, after_unknown: unknown } });
      config.push({ address, mode: 'managed', type, name, expressions });
    }
  }
  return {
    format_version: '1.2',
    terraform_version: '1.9.0',
    planned_values: { root_module: { resources } },
    resource_changes: changes,
    configuration: { root_module: { resources: config } },
  };
}

/** The value of a reference in text that a plan knows (an existing bucket's name and ARN), else undefined. */
let known: (expr: string) => string | undefined = () => undefined;

function planValue(v: unknown): [unknown, unknown, unknown] {
  if (typeof v === 'string' && !/^\$\{[^}]*\}$/.test(v) && /(?<!\$)\$\{/.test(v)) {
    // Text around references the plan knows is known text.
    const text = v.replace(/(?<!\$)\$\{([^}]+)\}/g, (whole, e: string) => known(e) ?? whole);
    if (!/(?<!\$)\$\{/.test(text)) return [text.replace(/\$\$\{/g, '${'), undefined, { references: [...v.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]) }];
  }
  if (typeof v === 'string' && /(?<!\$)\$\{/.test(v)) {
    const refs = [...v.matchAll(/\$\{([^}]+)\}/g)].flatMap((m) => {
      const parts = m[1].split('.');
      return parts[0] === 'var' ? [m[1]] : [m[1], parts.slice(0, 2).join('.')];
    });
    return [undefined, true, { references: refs }];
  }
  if (typeof v === 'string') return [v.replace(/\$\$\{/g, '${'), undefined, { constant_value: v }];
  if (Array.isArray(v)) {
    const out = v.map((x) => (x !== null && typeof x === 'object' && !Array.isArray(x) ? planBlock(x as Record<string, unknown>) : planValue(x)));
    const anyUnknown = out.some(([, u]) => u !== undefined);
    return [out.map(([val]) => val ?? null), anyUnknown ? out.map(([, u]) => u ?? false) : undefined, out.map(([, , e]) => e)];
  }
  if (v !== null && typeof v === 'object') {
    // A block (Terraform writes single blocks as one-element lists in a plan).
    const [val, unk, expr] = planBlock(v as Record<string, unknown>);
    return [[val], unk === undefined ? undefined : [unk], [expr]];
  }
  return [v, undefined, { constant_value: v }];
}

function planBlock(body: Record<string, unknown>): [unknown, unknown, unknown] {
  const values: Record<string, unknown> = {};
  const unknown: Record<string, unknown> = {};
  const expressions: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    const [value, unk, expr] = planValue(v);
    if (value !== undefined) values[k] = value;
    if (unk !== undefined) unknown[k] = unk;
    expressions[k] = expr;
  }
  return [values, Object.keys(unknown).length > 0 ? unknown : undefined, expressions];
}

const tfModel = (doc: Doc): ResourceModel => buildModel([loadDocument(doc, 'cdk.tf.json')]);
const planModel = (doc: Doc): ResourceModel => buildModel([loadDocument(toPlan(doc), 'plan.json')]);

function run(model: ResourceModel): RunResult {
  return runRules(model, AWS_RULES, DEFAULT_RULE_CONFIG);
}

/** The verdict of a rule on a resource, with the reason when it is a finding ('none': not judged). */
function verdictOf(model: ResourceModel, rule: string, address: string): string {
  const r = run(model);
  const e = r.evaluations.find((x) => x.ruleId === rule && x.resource.address === address);
  if (!e) return 'none';
  const f = r.findings.find((x) => x.ruleId === rule && x.address === address);
  return f ? `${e.verdict}: ${f.message}` : e.verdict;
}

type Change = (d: Doc) => void;
const set = (type: string, name: string, props: Record<string, unknown>): Change => (d) => {
  Object.assign(d.resource[type][name], props);
  for (const [k, v] of Object.entries(props)) if (v === undefined) delete d.resource[type][name][k];
};
const drop = (type: string, name?: string): Change => (d) => {
  if (name) delete d.resource[type][name];
  else delete d.resource[type];
};
const all = (...changes: Change[]): Change => (d) => changes.forEach((c) => c(d));
/** A second aws_s3_bucket_policy of the evidence bucket, allowing CloudTrail to write and denying nothing. */
const secondPolicy: Change = (d) => {
  d.resource.aws_s3_bucket_policy.second = {
    bucket: '${aws_s3_bucket.evidence.id}',
    policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: '${aws_s3_bucket.evidence.arn}/*' }] }),
  };
};
const variable = '${var.x}';
/** The configuration block of an enforced, KMS-encrypting workgroup writing results outside the evidence bucket. */
const athenaConfig = (over: Record<string, unknown> = {}, encryption: Record<string, unknown> = {}, outputLocation: unknown = 's3://org-athena-results/q/') => ({
  result_configuration: { output_location: outputLocation, encryption_configuration: { encryption_option: 'SSE_KMS', kms_key_arn: '${aws_kms_key.evidence.arn}', ...encryption } },
  ...over,
});

/** The trail's selectors with the S3 object selector's resources.ARN condition replaced by `arn`. */
const objectsSelector = (arn: Record<string, unknown>): Change => set('aws_cloudtrail', 'org', { advanced_event_selector: [{ name: 'objects', field_selector: [...OBJECTS.slice(0, 2), arn] }] });
/** The trail's selectors: endpoint data events with one more field condition. */
const endpointSelector = (extra: Record<string, unknown>): Change =>
  set('aws_cloudtrail', 'org', { advanced_event_selector: [{ name: 'endpoints', field_selector: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::SageMaker::Endpoint'] }, extra] }] });
/** A log group `flow` for flow logs, kept `days` days with the evidence key. */
const flowLogGroup = (days: number): Change => (d) => {
  d.resource.aws_cloudwatch_log_group.flow = { name: 'flow-logs', retention_in_days: days, kms_key_id: '${aws_kms_key.evidence.arn}' };
};

interface Case {
  readonly rule: string;
  readonly address: string;
  /** Each way to break it: NON_COMPLIANT. */
  readonly broken: readonly [string, Change][];
  /** A setting from a variable: UNKNOWN. */
  readonly unknown: Change;
  /** Where the rule does not apply: a resource it judges NOT_APPLICABLE, or why it has no such resource. */
  readonly notApplicable: NotApplicable | JudgesEvery;
  /** What a plan cannot record (lifecycle): the compliant case and these broken ones are UNKNOWN there. */
  readonly planUnknown?: readonly string[];
}

/**
 * A not-applicable case: after `change` the resource at `at` (the case's address unless given) is
 * still in the input, and the rule judges it NOT_APPLICABLE, for the reason `why`.
 */
interface NotApplicable {
  readonly why: string;
  readonly change: Change;
  readonly at?: string;
}

/**
 * A rule that judges every resource of the type at the case's address in hashicorp/aws (it has no
 * isApplicable for that type, and its check never says NOT_APPLICABLE): `judgesEvery` says why. The
 * case checks that the rule applies to each resource of that type in the compliant configuration,
 * and evaluates none once `without` removes them all.
 */
interface JudgesEvery {
  readonly judgesEvery: string;
  readonly without: Change;
}

const B = 'aws_s3_bucket.evidence';
const notEvidence: Change = all(drop('aws_cloudtrail'), drop('aws_config_delivery_channel'), drop('aws_flow_log'), drop('aws_route53_resolver_query_log_config'), drop('aws_route53_resolver_query_log_config_association'), drop('aws_guardduty_publishing_destination'), drop('aws_kinesis_firehose_delivery_stream'), set('aws_sagemaker_endpoint_configuration', 'main', { data_capture_config: undefined }));

const CASES: readonly Case[] = [
  { rule: 'AWS.CloudTrail.IsLogging', address: 'aws_cloudtrail.org', broken: [['enable_logging false', set('aws_cloudtrail', 'org', { enable_logging: false })]], unknown: set('aws_cloudtrail', 'org', { enable_logging: variable }), notApplicable: { judgesEvery: 'a trail logs or it does not', without: drop('aws_cloudtrail') } },
  { rule: 'AWS.CloudTrail.LogFileValidation', address: 'aws_cloudtrail.org', broken: [['default (false)', set('aws_cloudtrail', 'org', { enable_log_file_validation: undefined })]], unknown: set('aws_cloudtrail', 'org', { enable_log_file_validation: variable }), notApplicable: { judgesEvery: 'every trail can validate its log files', without: drop('aws_cloudtrail') } },
  {
    rule: 'AWS.CloudTrail.MultiRegion', address: 'aws_cloudtrail.org',
    broken: [['default (single region)', set('aws_cloudtrail', 'org', { is_multi_region_trail: undefined })], ['no global service events', set('aws_cloudtrail', 'org', { include_global_service_events: false })]],
    unknown: set('aws_cloudtrail', 'org', { is_multi_region_trail: variable }), notApplicable: { judgesEvery: 'every trail has a region scope', without: drop('aws_cloudtrail') },
  },
  {
    rule: 'AWS.CloudTrail.ManagementEvents', address: 'aws_cloudtrail.org',
    broken: [
      ['data events only', set('aws_cloudtrail', 'org', { advanced_event_selector: [{ name: 'objects', field_selector: OBJECTS }] })],
      ['management reads only', set('aws_cloudtrail', 'org', { advanced_event_selector: [{ name: 'management', field_selector: [{ field: 'eventCategory', equals: ['Management'] }, { field: 'readOnly', equals: ['true'] }] }] })],
      ['event_selector include_management_events false', set('aws_cloudtrail', 'org', { advanced_event_selector: undefined, event_selector: [{ include_management_events: false, data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }] })],
      ['event_selector read_write_type WriteOnly', set('aws_cloudtrail', 'org', { advanced_event_selector: undefined, event_selector: [{ read_write_type: 'WriteOnly' }] })],
    ],
    unknown: set('aws_cloudtrail', 'org', { advanced_event_selector: variable }), notApplicable: { judgesEvery: 'some trail of the inputs must record management events', without: drop('aws_cloudtrail') },
  },
  { rule: 'AWS.CloudTrail.KmsEncryption', address: 'aws_cloudtrail.org', broken: [['no kms_key_id', set('aws_cloudtrail', 'org', { kms_key_id: undefined })]], unknown: set('aws_cloudtrail', 'org', { kms_key_id: variable }), notApplicable: { judgesEvery: 'every trail encrypts its log files somehow', without: drop('aws_cloudtrail') } },
  {
    rule: 'AWS.CloudTrail.CloudWatchLogs', address: 'aws_cloudtrail.org',
    broken: [['no log group', set('aws_cloudtrail', 'org', { cloud_watch_logs_group_arn: undefined })], ['no role', set('aws_cloudtrail', 'org', { cloud_watch_logs_role_arn: undefined })]],
    unknown: set('aws_cloudtrail', 'org', { cloud_watch_logs_group_arn: variable }), notApplicable: { judgesEvery: 'every trail can deliver to CloudWatch Logs', without: drop('aws_cloudtrail') },
  },
  {
    rule: 'AWS.CloudTrail.LockedDestination', address: 'aws_cloudtrail.org',
    broken: [['bucket without lock', all(drop('aws_s3_bucket_object_lock_configuration', 'evidence'), set('aws_s3_bucket', 'evidence', { object_lock_enabled: undefined }))]],
    unknown: set('aws_cloudtrail', 'org', { s3_bucket_name: variable }), notApplicable: { judgesEvery: 'every trail writes into a bucket', without: drop('aws_cloudtrail') },
  },
  {
    rule: 'AWS.CloudTrail.S3DataEvents', address: 'aws_s3_bucket.data',
    broken: [['no object data events', set('aws_cloudtrail', 'org', { advanced_event_selector: [{ name: 'management', field_selector: [{ field: 'eventCategory', equals: ['Management'] }] }] })], ['no trail', drop('aws_cloudtrail')]],
    unknown: set('aws_cloudtrail', 'org', { advanced_event_selector: variable }), notApplicable: { why: 'a bucket tagged forensic-evidence-store=true is an evidence store, not a data bucket', change: set('aws_s3_bucket', 'data', { tags: { 'forensic-evidence-store': 'true' } }) },
  },
  {
    rule: 'AWS.CloudTrail.ExcludesOwnBucket', address: 'aws_cloudtrail.org',
    broken: [
      ['records its own bucket', set('aws_cloudtrail', 'org', { advanced_event_selector: [{ name: 'objects', field_selector: OBJECTS.slice(0, 2) }] })],
      ['excludes another bucket only', objectsSelector({ field: 'resources.ARN', not_starts_with: ['${aws_s3_bucket.data.arn}/'] })],
      ['a basic event_selector for every bucket (basic selectors cannot exclude)', set('aws_cloudtrail', 'org', { advanced_event_selector: undefined, event_selector: [{ read_write_type: 'All', include_management_events: true, data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }] })],
      ['names its own bucket among the data buckets', objectsSelector({ field: 'resources.ARN', starts_with: ['${aws_s3_bucket.data.arn}/', '${aws_s3_bucket.evidence.arn}/'] })],
      ['a prefix inside its own bucket', objectsSelector({ field: 'resources.ARN', starts_with: ['${aws_s3_bucket.evidence.arn}/AWSLogs/'] })],
    ],
    unknown: set('aws_cloudtrail', 'org', { advanced_event_selector: variable }), notApplicable: { why: 'a trail with no S3 data-event selector', change: set('aws_cloudtrail', 'org', { advanced_event_selector: undefined }) },
  },
  {
    rule: 'AWS.CloudTrail.SageMakerEndpointDataEvents', address: 'aws_sagemaker_endpoint.main',
    broken: [
      ['no endpoint data events', set('aws_cloudtrail', 'org', { advanced_event_selector: [{ name: 'management', field_selector: [{ field: 'eventCategory', equals: ['Management'] }] }] })],
      ['no trail', drop('aws_cloudtrail')],
      ['a selector scoped to another endpoint', endpointSelector({ field: 'resources.ARN', equals: ['arn:aws:sagemaker:eu-west-1:111122223333:endpoint/other'] })],
      ['a selector that excludes the endpoint', endpointSelector({ field: 'resources.ARN', not_equals: ['${aws_sagemaker_endpoint.main.arn}'] })],
      ['a selector narrowed by eventName', endpointSelector({ field: 'eventName', equals: ['InvokeEndpointWithResponseStream'] })],
    ],
    unknown: set('aws_cloudtrail', 'org', { advanced_event_selector: variable }), notApplicable: { judgesEvery: 'every endpoint can be invoked, so its invocations must be recorded', without: drop('aws_sagemaker_endpoint') },
  },
  {
    rule: 'AWS.CloudTrail.BedrockDataEvents', address: 'aws_bedrock_model_invocation_logging_configuration.main',
    broken: [
      ['no Bedrock data events', set('aws_cloudtrail', 'org', { advanced_event_selector: [{ name: 'management', field_selector: [{ field: 'eventCategory', equals: ['Management'] }] }] })],
      ['no Tool data events', set('aws_cloudtrail', 'org', { advanced_event_selector: BEDROCK_TYPES.filter((t) => t !== 'AWS::Bedrock::Tool').map((t) => ({ name: t, field_selector: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: [t] }] })) })],
      ['no trail', drop('aws_cloudtrail')],
    ],
    unknown: set('aws_cloudtrail', 'org', { advanced_event_selector: variable }), notApplicable: { why: 'the Custom::AWS of another call (aws_config_retention_configuration is PutRetentionConfiguration)', change: all(), at: 'aws_config_retention_configuration.main' },
  },
  {
    rule: 'AWS.EC2.VpcFlowLogs', address: 'aws_vpc.main',
    broken: [
      ['no flow log', drop('aws_flow_log')],
      ['rejected traffic only', set('aws_flow_log', 'main', { traffic_type: 'REJECT' })],
      ['a flow log on a subnet only', all((d) => { d.resource.aws_subnet = { a: { vpc_id: '${aws_vpc.main.id}', cidr_block: '10.0.1.0/24' } }; }, set('aws_flow_log', 'main', { vpc_id: undefined, subnet_id: '${aws_subnet.a.id}' }))],
      ['into a bucket without Object Lock', set('aws_flow_log', 'main', { log_destination: '${aws_s3_bucket.data.arn}' })],
      ['into a log group kept 30 days', all(flowLogGroup(30), set('aws_flow_log', 'main', { log_destination_type: 'cloud-watch-logs', log_destination: '${aws_cloudwatch_log_group.flow.arn}', iam_role_arn: '${aws_iam_role.flow.arn}' }))],
      ['to CloudWatch Logs without a log group (the provider refuses it too)', set('aws_flow_log', 'main', { log_destination_type: 'cloud-watch-logs', log_destination: undefined, iam_role_arn: '${aws_iam_role.flow.arn}' })],
    ],
    unknown: set('aws_flow_log', 'main', { traffic_type: variable }), notApplicable: { judgesEvery: 'every VPC carries traffic', without: drop('aws_vpc') },
  },
  {
    rule: 'AWS.EC2.FlowLogAggregationInterval', address: 'aws_flow_log.main',
    broken: [['default (600 s)', set('aws_flow_log', 'main', { max_aggregation_interval: undefined })]],
    unknown: set('aws_flow_log', 'main', { max_aggregation_interval: variable }), notApplicable: { judgesEvery: 'every flow log has an aggregation interval', without: drop('aws_flow_log') },
  },
  {
    rule: 'AWS.EC2.FlowLogFields', address: 'aws_flow_log.main',
    broken: [['default format', set('aws_flow_log', 'main', { log_format: undefined })]],
    unknown: set('aws_flow_log', 'main', { log_format: variable }), notApplicable: { why: 'a transit gateway flow log (another field set)', change: set('aws_flow_log', 'main', { vpc_id: undefined, transit_gateway_id: 'tgw-0abc' }) },
  },
  {
    rule: 'AWS.Route53Resolver.VpcQueryLogging', address: 'aws_vpc.main',
    broken: [['no association', drop('aws_route53_resolver_query_log_config_association')]],
    unknown: set('aws_route53_resolver_query_log_config_association', 'main', { resolver_query_log_config_id: variable }), notApplicable: { judgesEvery: 'every VPC resolves DNS', without: drop('aws_vpc') },
  },
  {
    rule: 'AWS.GuardDuty.S3Protection', address: 'aws_guardduty_detector.main',
    broken: [['detector off', set('aws_guardduty_detector', 'main', { enable: false })], ['no S3 feature', drop('aws_guardduty_detector_feature', 's3')], ['S3 feature disabled', set('aws_guardduty_detector_feature', 's3', { status: 'DISABLED' })]],
    unknown: set('aws_guardduty_detector_feature', 's3', { status: variable }), notApplicable: { judgesEvery: 'every detector has an S3 protection state', without: drop('aws_guardduty_detector') },
  },
  {
    rule: 'AWS.GuardDuty.RuntimeMonitoring', address: 'aws_guardduty_detector.main',
    broken: [['no runtime feature', drop('aws_guardduty_detector_feature', 'runtime')]],
    unknown: set('aws_guardduty_detector_feature', 'runtime', { status: variable }), notApplicable: { judgesEvery: 'every detector has a runtime monitoring state', without: drop('aws_guardduty_detector') },
  },
  {
    rule: 'AWS.GuardDuty.FindingsExport', address: 'aws_guardduty_detector.main',
    broken: [['no publishing destination', drop('aws_guardduty_publishing_destination')]],
    unknown: set('aws_guardduty_publishing_destination', 'main', { detector_id: variable }), notApplicable: { judgesEvery: 'every detector raises findings to export', without: drop('aws_guardduty_detector') },
  },
  {
    rule: 'AWS.KMS.EvidenceKey', address: 'aws_kms_key.evidence',
    broken: [['not rotated (default)', set('aws_kms_key', 'evidence', { enable_key_rotation: undefined })], ['not kept', set('aws_kms_key', 'evidence', { lifecycle: undefined })]],
    unknown: set('aws_kms_key', 'evidence', { enable_key_rotation: variable }), notApplicable: { why: 'a key nothing of the evidence uses', change: all(notEvidence, drop('aws_s3_bucket_server_side_encryption_configuration'), drop('aws_cloudwatch_log_group'), drop('aws_sagemaker_endpoint_configuration'), drop('aws_sagemaker_endpoint'), drop('aws_sagemaker_notebook_instance')) },
    planUnknown: ['not kept'],
  },
  {
    rule: 'AWS.Logs.EvidenceRetention', address: 'aws_cloudwatch_log_group.trail',
    broken: [['never expire is fine but 30 days is short', set('aws_cloudwatch_log_group', 'trail', { retention_in_days: 30 })]],
    unknown: set('aws_cloudwatch_log_group', 'trail', { retention_in_days: variable }), notApplicable: { why: 'a log group no trail delivers to', change: set('aws_cloudtrail', 'org', { cloud_watch_logs_group_arn: undefined }) },
  },
  {
    rule: 'AWS.Logs.EvidenceRetain', address: 'aws_cloudwatch_log_group.trail',
    broken: [['no prevent_destroy', set('aws_cloudwatch_log_group', 'trail', { lifecycle: undefined })], ['skip_destroy false, no prevent_destroy', set('aws_cloudwatch_log_group', 'trail', { lifecycle: undefined, skip_destroy: false })]],
    unknown: set('aws_cloudwatch_log_group', 'trail', { lifecycle: { prevent_destroy: variable } }), notApplicable: { why: 'a log group no trail delivers to', change: set('aws_cloudtrail', 'org', { cloud_watch_logs_group_arn: undefined }) },
    planUnknown: ['no prevent_destroy', 'skip_destroy false, no prevent_destroy'],
  },
  {
    rule: 'AWS.Logs.EvidenceKms', address: 'aws_cloudwatch_log_group.trail',
    broken: [['no key', set('aws_cloudwatch_log_group', 'trail', { kms_key_id: undefined })]],
    unknown: set('aws_cloudwatch_log_group', 'trail', { kms_key_id: variable }), notApplicable: { why: 'a log group no trail delivers to', change: set('aws_cloudtrail', 'org', { cloud_watch_logs_group_arn: undefined }) },
  },
  {
    rule: 'AWS.S3.ObjectLockCompliance', address: B,
    broken: [
      ['no lock', all(drop('aws_s3_bucket_object_lock_configuration', 'evidence'), set('aws_s3_bucket', 'evidence', { object_lock_enabled: undefined }))],
      ['short retention', set('aws_s3_bucket_object_lock_configuration', 'evidence', { rule: { default_retention: { mode: 'COMPLIANCE', days: 30 } } })],
      ['object_lock_enabled false', all(drop('aws_s3_bucket_object_lock_configuration', 'evidence'), set('aws_s3_bucket', 'evidence', { object_lock_enabled: false }))],
      ['Object Lock without a default retention', set('aws_s3_bucket_object_lock_configuration', 'evidence', { rule: undefined })],
      ['a mode the provider does not accept (LEGAL)', set('aws_s3_bucket_object_lock_configuration', 'evidence', { rule: { default_retention: { mode: 'LEGAL', days: 400 } } })],
    ],
    unknown: set('aws_s3_bucket_object_lock_configuration', 'evidence', { rule: { default_retention: { mode: variable, days: 400 } } }), notApplicable: { why: 'a bucket nothing delivers evidence into', change: notEvidence },
  },
  {
    rule: 'AWS.S3.ObjectLockGovernance', address: B,
    broken: [['governance mode', set('aws_s3_bucket_object_lock_configuration', 'evidence', { rule: { default_retention: { mode: 'GOVERNANCE', days: 400 } } })]],
    unknown: set('aws_s3_bucket_object_lock_configuration', 'evidence', { rule: { default_retention: { mode: variable, days: 400 } } }), notApplicable: { why: 'a bucket nothing delivers evidence into', change: notEvidence },
  },
  {
    rule: 'AWS.S3.EvidenceVersioning', address: B,
    broken: [['suspended', set('aws_s3_bucket_versioning', 'evidence', { versioning_configuration: { status: 'Suspended' } })]],
    unknown: set('aws_s3_bucket_versioning', 'evidence', { versioning_configuration: { status: variable } }), notApplicable: { why: 'a bucket nothing delivers evidence into', change: notEvidence },
  },
  {
    rule: 'AWS.S3.EvidencePublicAccessBlock', address: B,
    broken: [['no public access block', drop('aws_s3_bucket_public_access_block', 'evidence')], ['policy not blocked (default false)', set('aws_s3_bucket_public_access_block', 'evidence', { block_public_policy: undefined })]],
    unknown: set('aws_s3_bucket_public_access_block', 'evidence', { block_public_policy: variable }), notApplicable: { why: 'a bucket nothing delivers evidence into', change: notEvidence },
  },
  {
    rule: 'AWS.S3.EvidenceKmsEncryption', address: B,
    broken: [['SSE-S3', set('aws_s3_bucket_server_side_encryption_configuration', 'evidence', { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] })]],
    unknown: set('aws_s3_bucket_server_side_encryption_configuration', 'evidence', { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: variable } }] }), notApplicable: { why: 'a bucket nothing delivers evidence into', change: notEvidence },
  },
  {
    rule: 'AWS.S3.EvidenceRetain', address: B,
    broken: [['no prevent_destroy', set('aws_s3_bucket', 'evidence', { lifecycle: undefined })], ['force_destroy', set('aws_s3_bucket', 'evidence', { force_destroy: true })]],
    unknown: set('aws_s3_bucket', 'evidence', { lifecycle: { prevent_destroy: variable } }), notApplicable: { why: 'a bucket nothing delivers evidence into', change: notEvidence },
    planUnknown: ['no prevent_destroy'],
  },
  {
    rule: 'AWS.S3.EvidenceDenyWildcardExemption', address: B,
    broken: [['a deny exempting role/*', set('aws_s3_bucket_policy', 'evidence', { policy: tlsOnly('evidence', { Action: 's3:PutObjectRetention', Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/*' } } }) })]],
    unknown: set('aws_s3_bucket_policy', 'evidence', { policy: tlsOnly('evidence', { Condition: { ArnNotEquals: { 'aws:PrincipalArn': variable } } }) }), notApplicable: { why: 'a bucket nothing delivers evidence into', change: notEvidence },
  },
  {
    rule: 'AWS.S3.EvidenceTlsOnly', address: B,
    broken: [
      ['no bucket policy', drop('aws_s3_bucket_policy', 'evidence')],
      ['allows insecure transport', set('aws_s3_bucket_policy', 'evidence', { policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '${aws_s3_bucket.evidence.arn}/*' }] }) })],
      ['a Deny on aws:SecureTransport true', set('aws_s3_bucket_policy', 'evidence', { policy: tlsOnly('evidence', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }) })],
      ['a Deny of only some actions', set('aws_s3_bucket_policy', 'evidence', { policy: tlsOnly('evidence', { Action: 's3:PutObject' }) })],
      ['a Deny for one principal only', set('aws_s3_bucket_policy', 'evidence', { policy: tlsOnly('evidence', { Principal: { AWS: 'arn:aws:iam::111122223333:root' } }) })],
      ['a Deny on the bucket only, not its objects', set('aws_s3_bucket_policy', 'evidence', { policy: tlsOnly('evidence', { Resource: '${aws_s3_bucket.evidence.arn}' }) })],
      ['a second aws_s3_bucket_policy of the bucket with only an Allow (it may be the one applied last)', secondPolicy],
    ],
    unknown: set('aws_s3_bucket_policy', 'evidence', { policy: '${data.aws_iam_policy_document.x.json}' }), notApplicable: { why: 'a bucket nothing delivers evidence into', change: notEvidence },
  },
  {
    rule: 'AWS.S3.AccessLogTargetDeliverable', address: 'aws_s3_bucket.access',
    broken: [['SSE-KMS on the log target', set('aws_s3_bucket_server_side_encryption_configuration', 'access', { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.evidence.arn}' } }] })]],
    unknown: set('aws_s3_bucket_server_side_encryption_configuration', 'access', { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: variable } }] }), notApplicable: { why: 'a bucket that receives no server access logs', change: drop('aws_s3_bucket_logging') },
  },
  {
    rule: 'AWS.SageMaker.DataCaptureInputOutput', address: 'aws_sagemaker_endpoint_configuration.main',
    broken: [['no capture', set('aws_sagemaker_endpoint_configuration', 'main', { data_capture_config: undefined })], ['input only', set('aws_sagemaker_endpoint_configuration', 'main', { data_capture_config: { enable_capture: true, initial_sampling_percentage: 100, destination_s3_uri: 's3://${aws_s3_bucket.evidence.bucket}/c', kms_key_id: '${aws_kms_key.evidence.arn}', capture_options: [{ capture_mode: 'Input' }] } })], ['capture off (default)', set('aws_sagemaker_endpoint_configuration', 'main', { data_capture_config: { initial_sampling_percentage: 100, destination_s3_uri: 's3://${aws_s3_bucket.evidence.bucket}/c', capture_options: [{ capture_mode: 'InputAndOutput' }] } })]],
    unknown: set('aws_sagemaker_endpoint_configuration', 'main', { data_capture_config: { enable_capture: variable, initial_sampling_percentage: 100, destination_s3_uri: 's3://${aws_s3_bucket.evidence.bucket}/c', kms_key_id: '${aws_kms_key.evidence.arn}', capture_options: [{ capture_mode: 'InputAndOutput' }] } }),
    notApplicable: { judgesEvery: 'every endpoint configuration serves requests to capture', without: drop('aws_sagemaker_endpoint_configuration') },
  },
  {
    rule: 'AWS.SageMaker.DataCaptureSampling', address: 'aws_sagemaker_endpoint_configuration.main',
    broken: [['10 %', set('aws_sagemaker_endpoint_configuration', 'main', { data_capture_config: { enable_capture: true, initial_sampling_percentage: 10, destination_s3_uri: 's3://${aws_s3_bucket.evidence.bucket}/c', kms_key_id: '${aws_kms_key.evidence.arn}', capture_options: [{ capture_mode: 'InputAndOutput' }] } })]],
    unknown: set('aws_sagemaker_endpoint_configuration', 'main', { data_capture_config: { enable_capture: true, initial_sampling_percentage: variable, destination_s3_uri: 's3://${aws_s3_bucket.evidence.bucket}/c', kms_key_id: '${aws_kms_key.evidence.arn}', capture_options: [{ capture_mode: 'InputAndOutput' }] } }),
    notApplicable: { why: 'no data_capture_config', change: set('aws_sagemaker_endpoint_configuration', 'main', { data_capture_config: undefined }) },
  },
  {
    rule: 'AWS.SageMaker.DataCaptureKms', address: 'aws_sagemaker_endpoint_configuration.main',
    broken: [['no key', set('aws_sagemaker_endpoint_configuration', 'main', { data_capture_config: { enable_capture: true, initial_sampling_percentage: 100, destination_s3_uri: 's3://${aws_s3_bucket.evidence.bucket}/c', capture_options: [{ capture_mode: 'InputAndOutput' }] } })]],
    unknown: set('aws_sagemaker_endpoint_configuration', 'main', { data_capture_config: { enable_capture: true, initial_sampling_percentage: 100, destination_s3_uri: 's3://${aws_s3_bucket.evidence.bucket}/c', kms_key_id: variable, capture_options: [{ capture_mode: 'InputAndOutput' }] } }),
    notApplicable: { why: 'no data_capture_config', change: set('aws_sagemaker_endpoint_configuration', 'main', { data_capture_config: undefined }) },
  },
  {
    rule: 'AWS.SageMaker.DataCaptureLockedDestination', address: 'aws_sagemaker_endpoint_configuration.main',
    broken: [['unlocked bucket', all(drop('aws_s3_bucket_object_lock_configuration', 'evidence'), set('aws_s3_bucket', 'evidence', { object_lock_enabled: undefined }))]],
    unknown: set('aws_sagemaker_endpoint_configuration', 'main', { data_capture_config: { enable_capture: true, initial_sampling_percentage: 100, destination_s3_uri: variable, kms_key_id: '${aws_kms_key.evidence.arn}', capture_options: [{ capture_mode: 'InputAndOutput' }] } }),
    notApplicable: { why: 'no data_capture_config', change: set('aws_sagemaker_endpoint_configuration', 'main', { data_capture_config: undefined }) },
  },
  {
    rule: 'AWS.SageMaker.EndpointVolumeKms', address: 'aws_sagemaker_endpoint_configuration.main',
    broken: [['no kms_key_arn', set('aws_sagemaker_endpoint_configuration', 'main', { kms_key_arn: undefined })]],
    unknown: set('aws_sagemaker_endpoint_configuration', 'main', { kms_key_arn: variable }), notApplicable: { judgesEvery: 'every endpoint configuration has instance volumes', without: drop('aws_sagemaker_endpoint_configuration') },
  },
  {
    rule: 'AWS.Bedrock.InvocationLoggingAllModalities', address: 'aws_bedrock_model_invocation_logging_configuration.main',
    broken: [
      ['image data off', set('aws_bedrock_model_invocation_logging_configuration', 'main', { logging_config: { text_data_delivery_enabled: true, image_data_delivery_enabled: false, s3_config: { bucket_name: '${aws_s3_bucket.data.id}' } } })],
      ['video data off', set('aws_bedrock_model_invocation_logging_configuration', 'main', { logging_config: { video_data_delivery_enabled: false, s3_config: { bucket_name: '${aws_s3_bucket.data.id}' } } })],
    ],
    unknown: set('aws_bedrock_model_invocation_logging_configuration', 'main', { logging_config: { text_data_delivery_enabled: variable, s3_config: { bucket_name: '${aws_s3_bucket.data.id}' } } }),
    notApplicable: { why: 'the Custom::AWS of another call (aws_config_retention_configuration is PutRetentionConfiguration)', change: all(), at: 'aws_config_retention_configuration.main' },
  },
  {
    rule: 'AWS.Config.RecorderAllResources', address: 'aws_config_configuration_recorder.main',
    broken: [
      ['global IAM types left out (the provider default)', set('aws_config_configuration_recorder', 'main', { recording_group: { all_supported: true } })],
      ['a list of types', set('aws_config_configuration_recorder', 'main', { recording_group: { all_supported: false, resource_types: ['AWS::S3::Bucket'] } })],
      ['daily recording', set('aws_config_configuration_recorder', 'main', { recording_mode: { recording_frequency: 'DAILY' } })],
      ['no recorder status (never started)', drop('aws_config_configuration_recorder_status')],
      ['recorder status off', set('aws_config_configuration_recorder_status', 'main', { is_enabled: false })],
    ],
    unknown: set('aws_config_configuration_recorder', 'main', { recording_group: { all_supported: true, include_global_resource_types: variable } }),
    notApplicable: { judgesEvery: 'every recorder has a recording scope', without: drop('aws_config_configuration_recorder') },
  },
  {
    rule: 'AWS.Config.DeliveryToEvidence', address: 'aws_config_delivery_channel.main',
    broken: [
      ['delivered into a locked bucket', set('aws_config_delivery_channel', 'main', { s3_bucket_name: evidenceBucket })],
      ['no replication', drop('aws_s3_bucket_replication_configuration')],
      ['replication of another prefix', set('aws_s3_bucket_replication_configuration', 'config', { rule: [{ id: 'config', status: 'Enabled', filter: { prefix: 'bedrock/' }, destination: { bucket: '${aws_s3_bucket.evidence.arn}' } }] })],
      ['replication into an unlocked bucket', set('aws_s3_bucket_replication_configuration', 'config', { rule: [{ id: 'config', status: 'Enabled', filter: {}, destination: { bucket: '${aws_s3_bucket.data.arn}' } }] })],
    ],
    unknown: set('aws_config_delivery_channel', 'main', { s3_bucket_name: variable }),
    notApplicable: { judgesEvery: 'every delivery channel delivers somewhere', without: drop('aws_config_delivery_channel') },
  },
  {
    rule: 'AWS.Config.SnapshotFrequency', address: 'aws_config_delivery_channel.main',
    broken: [['daily snapshots', set('aws_config_delivery_channel', 'main', { snapshot_delivery_properties: { delivery_frequency: 'TwentyFour_Hours' } })], ['no snapshot frequency', set('aws_config_delivery_channel', 'main', { snapshot_delivery_properties: undefined })]],
    unknown: set('aws_config_delivery_channel', 'main', { snapshot_delivery_properties: { delivery_frequency: variable } }),
    notApplicable: { judgesEvery: 'every delivery channel has a snapshot frequency or none', without: drop('aws_config_delivery_channel') },
  },
  {
    rule: 'AWS.Config.RetentionPeriod', address: 'aws_config_retention_configuration.main',
    broken: [['under the floor', set('aws_config_retention_configuration', 'main', { retention_period_in_days: 90 })], ['over what Config accepts', set('aws_config_retention_configuration', 'main', { retention_period_in_days: 3650 })]],
    unknown: set('aws_config_retention_configuration', 'main', { retention_period_in_days: variable }),
    notApplicable: { why: 'the Custom::AWS of another call (aws_bedrock_model_invocation_logging_configuration is PutModelInvocationLoggingConfiguration)', change: all(), at: 'aws_bedrock_model_invocation_logging_configuration.main' },
  },
  {
    rule: 'AWS.SageMaker.ModelIsolation', address: 'aws_sagemaker_model.main',
    broken: [['default (not isolated)', set('aws_sagemaker_model', 'main', { enable_network_isolation: undefined })]],
    unknown: set('aws_sagemaker_model', 'main', { enable_network_isolation: variable }), notApplicable: { judgesEvery: 'every model has a network isolation state', without: drop('aws_sagemaker_model') },
  },
  {
    rule: 'AWS.SageMaker.JobLogGroupsRetained', address: 'aws_cloudwatch_log_group.endpoint',
    broken: [['deletion protection off by default', set('aws_cloudwatch_log_group', 'endpoint', { deletion_protection_enabled: undefined })]],
    unknown: set('aws_cloudwatch_log_group', 'endpoint', { deletion_protection_enabled: variable }),
    notApplicable: { why: 'a log group not named /aws/sagemaker/...', change: set('aws_cloudwatch_log_group', 'endpoint', { name: '/app/endpoint' }) },
  },
  {
    rule: 'AWS.SageMaker.JobLogGroupsRetained', address: 'aws_sagemaker_endpoint.main',
    broken: [['its log group missing', all(drop('aws_cloudwatch_log_subscription_filter', 'endpoint'), drop('aws_cloudwatch_log_group', 'endpoint'))]],
    unknown: set('aws_sagemaker_endpoint', 'main', { name: variable }),
    notApplicable: { judgesEvery: 'every SageMaker endpoint writes logs that must be kept', without: drop('aws_sagemaker_endpoint') },
  },
  {
    rule: 'AWS.SageMaker.JobLogsExported', address: 'aws_cloudwatch_log_group.endpoint',
    broken: [
      ['no subscription filter', drop('aws_cloudwatch_log_subscription_filter', 'endpoint')],
      ['a filter pattern', set('aws_cloudwatch_log_subscription_filter', 'endpoint', { filter_pattern: 'ERROR' })],
      ['a second filter of the same name with a filter pattern (one filter: the last applied takes effect)', (d) => {
        d.resource.aws_cloudwatch_log_subscription_filter.again = { ...(d.resource.aws_cloudwatch_log_subscription_filter.endpoint as Record<string, unknown>), filter_pattern: 'ERROR' };
      }],
      ['a stream into an unlocked bucket', set('aws_kinesis_firehose_delivery_stream', 'jobs', { extended_s3_configuration: { role_arn: '${aws_iam_role.flow.arn}', bucket_arn: '${aws_s3_bucket.data.arn}', prefix: 'sagemaker/' } })],
    ],
    unknown: set('aws_cloudwatch_log_subscription_filter', 'endpoint', { destination_arn: variable }),
    notApplicable: { why: 'a log group not named /aws/sagemaker/...', change: set('aws_cloudwatch_log_group', 'endpoint', { name: '/app/endpoint' }) },
  },
  {
    rule: 'AWS.SageMaker.StudioSourceIdentity', address: 'aws_sagemaker_domain.main',
    broken: [
      ['no domain_settings (DISABLED)', set('aws_sagemaker_domain', 'main', { domain_settings: undefined })],
      ['a trust policy without sts:SetSourceIdentity', set('aws_iam_role', 'studio', { assume_role_policy: studioTrust(['sts:AssumeRole']) })],
    ],
    unknown: set('aws_sagemaker_domain', 'main', { domain_settings: { execution_role_identity_config: variable } }),
    notApplicable: { judgesEvery: 'every domain has an execution role identity setting', without: drop('aws_sagemaker_domain') },
  },
  {
    rule: 'AWS.SageMaker.NotebookHardening', address: 'aws_sagemaker_notebook_instance.main',
    broken: [['internet access by default', set('aws_sagemaker_notebook_instance', 'main', { direct_internet_access: undefined })], ['root access by default', set('aws_sagemaker_notebook_instance', 'main', { root_access: undefined })]],
    unknown: set('aws_sagemaker_notebook_instance', 'main', { root_access: variable }), notApplicable: { judgesEvery: 'every notebook instance has internet and root access settings', without: drop('aws_sagemaker_notebook_instance') },
  },
  {
    rule: 'AWS.Athena.WorkgroupEnforcedEncryption', address: 'aws_athena_workgroup.main',
    broken: [
      ['enforcement off', set('aws_athena_workgroup', 'main', { configuration: athenaConfig({ enforce_workgroup_configuration: false }) })],
      ['SSE_S3 results', set('aws_athena_workgroup', 'main', { configuration: athenaConfig({}, { encryption_option: 'SSE_S3', kms_key_arn: undefined }) })],
      ['no configuration block (nothing enforced)', set('aws_athena_workgroup', 'main', { configuration: undefined })],
      ['no encryption_configuration', set('aws_athena_workgroup', 'main', { configuration: { enforce_workgroup_configuration: true, result_configuration: { output_location: 's3://org-athena-results/q/' } } })],
      ['SSE_KMS without kms_key_arn', set('aws_athena_workgroup', 'main', { configuration: athenaConfig({}, { kms_key_arn: undefined }) })],
      ['enforcement off while the encryption option is from a variable (known bad wins)', set('aws_athena_workgroup', 'main', { configuration: athenaConfig({ enforce_workgroup_configuration: false }, { encryption_option: variable }) })],
    ],
    unknown: set('aws_athena_workgroup', 'main', { configuration: athenaConfig({ enforce_workgroup_configuration: variable }) }),
    notApplicable: { judgesEvery: 'every workgroup writes query results', without: drop('aws_athena_workgroup') },
  },
  {
    rule: 'AWS.Athena.WorkgroupResultsOutsideEvidence', address: 'aws_athena_workgroup.main',
    broken: [['results into the evidence bucket', set('aws_athena_workgroup', 'main', { configuration: athenaConfig({}, {}, 's3://${aws_s3_bucket.evidence.bucket}/athena/') })]],
    unknown: set('aws_athena_workgroup', 'main', { configuration: athenaConfig({}, {}, variable) }),
    notApplicable: { why: 'a workgroup with no output_location (each query names its own)', change: set('aws_athena_workgroup', 'main', { configuration: { enforce_workgroup_configuration: true, result_configuration: { encryption_configuration: { encryption_option: 'SSE_KMS', kms_key_arn: '${aws_kms_key.evidence.arn}' } } } }) },
  },
];

const DIALECTS: readonly [string, (d: Doc) => ResourceModel][] = [['cdk.tf.json', tfModel], ['plan', planModel]];

if (process.env.TFAWS_DEBUG) {
  it('debug', () => {
    for (const [name, m] of DIALECTS) {
      const r = run(m(compliant()));
      console.log(name, r.findings.map((f) => `${f.ruleId} ${f.address} ${f.verdict} ${f.message}`).join('\n'));
    }
  });
}

describe('hashicorp/aws Terraform judged by the AWS rules', () => {
  it('has a case for every AWS rule', () => {
    const covered = new Set(CASES.map((c) => c.rule));
    const missing = AWS_RULES.map((r) => r.id).filter((id) => !covered.has(id));
    expect(missing).toEqual([]);
  });

  for (const [dialect, model] of DIALECTS) {
    describe(dialect, () => {
      const base = model(compliant());
      const result = run(base);
      for (const c of CASES) {
        describe(c.rule, () => {
          const inPlan = dialect === 'plan' && c.planUnknown !== undefined;
          const expected = inPlan ? 'UNKNOWN' : 'COMPLIANT';
          it(`is ${expected} on the compliant configuration`, () => {
            expect(verdictOf(base, c.rule, c.address).replace(/:.*/s, '')).toBe(expected);
            if (expected === 'COMPLIANT') expect(result.findings.filter((f) => f.ruleId === c.rule && f.address === c.address)).toEqual([]);
          });
          for (const [why, change] of c.broken) {
            const verdict = inPlan && c.planUnknown?.includes(why) ? 'UNKNOWN' : 'NON_COMPLIANT';
            it(`is ${verdict}: ${why}`, () => {
              const d = compliant();
              change(d);
              expect(verdictOf(model(d), c.rule, c.address)).toMatch(new RegExp(`^${verdict}: `));
            });
          }
          it('is UNKNOWN for a setting from a variable', () => {
            const d = compliant();
            c.unknown(d);
            expect(verdictOf(model(d), c.rule, c.address)).toMatch(/^UNKNOWN: /);
          });
          const na = c.notApplicable;
          if ('judgesEvery' in na) {
            it(`judges every resource of its type (${na.judgesEvery}), and nothing without one`, () => {
              const type = base.byAddress(c.address)!.type;
              const ofType = (r: RunResult) => r.evaluations.filter((e) => e.ruleId === c.rule && e.resource.type === type);
              expect(ofType(result).length).toBeGreaterThan(0);
              expect(ofType(result).filter((e) => !e.applied).map((e) => e.resource.address)).toEqual([]);
              const d = compliant();
              na.without(d);
              expect(ofType(run(model(d))).map((e) => e.resource.address)).toEqual([]);
            });
          } else {
            it(`is NOT_APPLICABLE: ${na.why}`, () => {
              const d = compliant();
              na.change(d);
              const m = model(d);
              const at = na.at ?? c.address;
              expect(m.byAddress(at)).toBeDefined();
              expect(verdictOf(m, c.rule, at)).toBe('NOT_APPLICABLE');
            });
          }
        });
      }
      it('names the type the input wrote in every finding', () => {
        const d = compliant();
        drop('aws_s3_bucket_public_access_block', 'evidence')(d);
        const findings = run(model(d)).findings;
        expect(findings.find((f) => f.address === B)?.resourceType).toBe('aws_s3_bucket');
        expect(findings.length).toBeGreaterThan(0);
        expect(findings.filter((f) => f.resourceType.startsWith('AWS::'))).toEqual([]);
      });
    });
  }
});

describe('hashicorp/aws translation', () => {
  it('judges the legacy policy argument of aws_s3_bucket as a bucket policy: alone, and competing with an aws_s3_bucket_policy', () => {
    const allowOnly = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: '${aws_s3_bucket.evidence.arn}/*' }] });
    const d = compliant();
    d.resource.aws_s3_bucket.evidence.policy = allowOnly;
    expect(verdictOf(tfModel(d), 'AWS.S3.EvidenceTlsOnly', B)).toBe(
      'NON_COMPLIANT: aws_s3_bucket.evidence: 2 bucket policies name this bucket (aws_s3_bucket.evidence, aws_s3_bucket_policy.evidence); a bucket has one policy and each replaces it, so only the last applied takes effect, and each is judged as if alone: aws_s3_bucket.evidence: no statement denies s3:* on the objects to "*" when aws:SecureTransport is false',
    );
    const alone = compliant();
    alone.resource.aws_s3_bucket.evidence.policy = tlsOnly('evidence');
    delete alone.resource.aws_s3_bucket_policy.evidence;
    expect(verdictOf(tfModel(alone), 'AWS.S3.EvidenceTlsOnly', B)).toBe('COMPLIANT');
    // An empty policy argument is no policy.
    alone.resource.aws_s3_bucket.evidence.policy = '';
    expect(verdictOf(tfModel(alone), 'AWS.S3.EvidenceTlsOnly', B)).toBe('NON_COMPLIANT: aws_s3_bucket.evidence: no AWS::S3::BucketPolicy references this bucket, so nothing denies aws:SecureTransport false (Terraform: BucketPolicy is aws_s3_bucket_policy)');
  });

  it('judges each of two aws_s3_bucket_policy of one bucket as if alone: a bucket has one policy, and the last applied takes effect', () => {
    const d = compliant();
    secondPolicy(d);
    for (const m of [tfModel(d), planModel(d)]) {
      expect(verdictOf(m, 'AWS.S3.EvidenceTlsOnly', B)).toBe(
        'NON_COMPLIANT: aws_s3_bucket.evidence: 2 bucket policies name this bucket (aws_s3_bucket_policy.evidence, aws_s3_bucket_policy.second); a bucket has one policy and each replaces it, so only the last applied takes effect, and each is judged as if alone: aws_s3_bucket_policy.second: no statement denies s3:* on the objects to "*" when aws:SecureTransport is false',
      );
    }
  });

  it('reads a log group kept on destroy by skip_destroy or lifecycle.prevent_destroy, and deleted otherwise', () => {
    const d = compliant();
    set('aws_cloudwatch_log_group', 'notebooks', { skip_destroy: undefined, lifecycle: { prevent_destroy: true } })(d);
    set('aws_cloudwatch_log_group', 'studio', { skip_destroy: undefined })(d);
    const m = tfModel(d);
    expect(m.byAddress('aws_cloudwatch_log_group.endpoint')!.attributes.DeletionPolicy).toBe('Retain');
    expect(m.byAddress('aws_cloudwatch_log_group.notebooks')!.attributes.DeletionPolicy).toBe('Retain');
    expect(verdictOf(m, 'AWS.Logs.EvidenceRetain', 'aws_cloudwatch_log_group.studio')).toMatch(/^NON_COMPLIANT: .*DeletionPolicy is "Delete"/);
  });

  it('a SageMaker log group deleted on destroy gets exactly one DeletionPolicy finding across the rules, from AWS.Logs.EvidenceRetain', () => {
    const d = compliant();
    set('aws_cloudwatch_log_group', 'studio', { skip_destroy: undefined })(d);
    const findings = run(tfModel(d)).findings.filter((f) => f.address === 'aws_cloudwatch_log_group.studio' && /DeletionPolicy/.test(f.message));
    expect(findings.map((f) => [f.ruleId, f.verdict])).toEqual([['AWS.Logs.EvidenceRetain', 'NON_COMPLIANT']]);
  });

  it('reads a Firehose stream of another destination as writing into no bucket', () => {
    const d = compliant();
    set('aws_kinesis_firehose_delivery_stream', 'jobs', { destination: 'http_endpoint', extended_s3_configuration: undefined })(d);
    expect(verdictOf(tfModel(d), 'AWS.SageMaker.JobLogsExported', 'aws_cloudwatch_log_group.endpoint')).toMatch(/^NON_COMPLIANT: .*not Amazon S3/);
  });

  it('reads the Bedrock data delivery switches left unset as the provider default, true', () => {
    const d = compliant();
    set('aws_bedrock_model_invocation_logging_configuration', 'main', { logging_config: { s3_config: { bucket_name: '${aws_s3_bucket.data.id}' } } })(d);
    for (const [, model] of DIALECTS) expect(verdictOf(model(d), 'AWS.Bedrock.InvocationLoggingAllModalities', 'aws_bedrock_model_invocation_logging_configuration.main')).toBe('COMPLIANT');
  });

  it('merges the split S3 resources into their bucket and marks each as merged', () => {
    const m = tfModel(compliant());
    const bucket = m.byAddress(B)!;
    expect(bucket.type).toBe('AWS::S3::Bucket');
    expect(bucket.translatedFrom).toMatchObject({ type: 'aws_s3_bucket', members: expect.arrayContaining([B, 'aws_s3_bucket_versioning.evidence', 'aws_s3_bucket_object_lock_configuration.evidence', 'aws_s3_bucket_logging.evidence']) });
    expect(m.get(bucket, 'ObjectLockConfiguration.Rule.DefaultRetention')).toEqual({ Mode: 'COMPLIANCE', Days: 400 });
    expect(m.byAddress('aws_s3_bucket_versioning.evidence')!.attributes[MERGED_INTO_ATTRIBUTE]).toBe(B);
    expect(bucket.translatedFrom!.members[0]).toBe(B);
    // A translation nothing is merged into stands for its own address only, and names its type's Terraform attributes.
    const key = m.byAddress('aws_kms_key.evidence')!.translatedFrom!;
    expect([key.type, key.members, key.names?.EnableKeyRotation]).toEqual(['aws_kms_key', ['aws_kms_key.evidence'], 'enable_key_rotation']);
    expect(m.byAddress('aws_kms_alias.evidence')!.translatedFrom!.names).toBeUndefined();
  });

  it('finds the bucket of a split resource by its literal name in the same file', () => {
    const d = compliant();
    d.resource.aws_s3_bucket_versioning.evidence.bucket = 'org-evidence';
    expect(tfModel(d).get(tfModel(d).byAddress(B)!, 'VersioningConfiguration.Status')).toBe('Enabled');
  });

  it('makes a setting UNKNOWN on the buckets of its file when a split resource names its bucket by a variable', () => {
    const d = compliant();
    d.resource.aws_s3_bucket_public_access_block.evidence.bucket = variable;
    expect(verdictOf(tfModel(d), 'AWS.S3.EvidencePublicAccessBlock', B)).toMatch(/^UNKNOWN: /);
  });

  it('reads a setting two split resources state of one bucket as itself when they agree, and as the weaker when they differ', () => {
    const d = compliant();
    const versioning = d.resource.aws_s3_bucket_versioning;
    versioning.again = { bucket: evidenceBucket, versioning_configuration: { status: 'Enabled' } };
    const agree = tfModel(d);
    expect(agree.get(agree.byAddress(B)!, 'VersioningConfiguration.Status')).toBe('Enabled');
    expect(agree.byAddress(B)!.translatedFrom!.members).toEqual(expect.arrayContaining(['aws_s3_bucket_versioning.evidence', 'aws_s3_bucket_versioning.again']));
    versioning.again = { bucket: evidenceBucket, versioning_configuration: { status: 'Suspended' } };
    const differ = tfModel(d);
    expect(differ.get(differ.byAddress(B)!, 'VersioningConfiguration')).toEqual({ Status: 'Suspended' });
    versioning.again = { bucket: evidenceBucket, versioning_configuration: { status: variable } };
    const unknown = tfModel(d);
    expect(unknown.get(unknown.byAddress(B)!, 'VersioningConfiguration')).toBe(UNRESOLVED);
    // The other settings of the bucket are untouched.
    expect(differ.get(differ.byAddress(B)!, 'ObjectLockConfiguration.Rule.DefaultRetention')).toEqual({ Mode: 'COMPLIANCE', Days: 400 });
  });

  describe('several resources setting one setting of one bucket, in no set order: the weakest is judged, and the finding names them', () => {
    const WRITTEN = '(written by CloudTrail trail aws_cloudtrail.org; VPC flow log aws_flow_log.main; Resolver query log aws_route53_resolver_query_log_config.main; SageMaker data capture aws_sagemaker_endpoint_configuration.main; GuardDuty findings export aws_guardduty_publishing_destination.main; Firehose delivery stream aws_kinesis_firehose_delivery_stream.jobs; S3 replication aws_s3_bucket.config) ';
    const lock = (mode: string, days: number) => ({ bucket: evidenceBucket, rule: { default_retention: { mode, days } } });
    it('two aws_s3_bucket_object_lock_configuration: the shorter retention', () => {
      const d = compliant();
      d.resource.aws_s3_bucket_object_lock_configuration.short = lock('COMPLIANCE', 1);
      for (const m of [tfModel(d), planModel(d)]) {
        expect(verdictOf(m, 'AWS.S3.ObjectLockCompliance', B)).toBe(
          `NON_COMPLIANT: aws_s3_bucket.evidence: DefaultRetention COMPLIANCE Days 1 is under the floor of 365 days ${WRITTEN}(Terraform: DefaultRetention is aws_s3_bucket_object_lock_configuration rule.default_retention) (ObjectLockConfiguration is set by aws_s3_bucket_object_lock_configuration.evidence and aws_s3_bucket_object_lock_configuration.short, which are applied in no set order and each replaces the other: only the last applied takes effect, so the weakest of them, in each respect, is judged)`,
        );
      }
    });
    it('an inline object_lock_configuration of the bucket and an aws_s3_bucket_object_lock_configuration: the shorter retention', () => {
      const d = compliant();
      d.resource.aws_s3_bucket.evidence.object_lock_configuration = { object_lock_enabled: 'Enabled', rule: { default_retention: { mode: 'COMPLIANCE', days: 1 } } };
      for (const m of [tfModel(d), planModel(d)]) expect(verdictOf(m, 'AWS.S3.ObjectLockCompliance', B)).toBe(
        `NON_COMPLIANT: aws_s3_bucket.evidence: DefaultRetention COMPLIANCE Days 1 is under the floor of 365 days ${WRITTEN}(Terraform: DefaultRetention is aws_s3_bucket_object_lock_configuration rule.default_retention) (ObjectLockConfiguration is set by aws_s3_bucket.evidence and aws_s3_bucket_object_lock_configuration.evidence, which are applied in no set order and each replaces the other: only the last applied takes effect, so the weakest of them, in each respect, is judged)`,
      );
    });
    it('in a plan, a bucket block its configuration does not state is the provider\'s read of the bucket, not a competitor', () => {
      const plan = toPlan(compliant()) as { planned_values: { root_module: { resources: Array<{ address: string; values: Record<string, unknown> }> } } };
      const bucket = plan.planned_values.root_module.resources.find((r) => r.address === B)!;
      bucket.values.versioning = [{ enabled: false, mfa_delete: false }];
      bucket.values.policy = JSON.stringify({ Version: '2012-10-17', Statement: [] });
      const m = buildModel([loadDocument(plan, 'plan.json')]);
      expect(verdictOf(m, 'AWS.S3.EvidenceVersioning', B)).toBe('COMPLIANT');
      expect(verdictOf(m, 'AWS.S3.EvidenceTlsOnly', B)).toBe('COMPLIANT');
    });
    it('two lock configurations neither weaker in every respect: the weaker mode with the shorter period', () => {
      const d = compliant();
      d.resource.aws_s3_bucket_object_lock_configuration.other = lock('GOVERNANCE', 3000);
      d.resource.aws_s3_bucket_object_lock_configuration.evidence = lock('COMPLIANCE', 30);
      const m = tfModel(d);
      expect(m.get(m.byAddress(B)!, 'ObjectLockConfiguration.Rule.DefaultRetention')).toEqual({ Mode: 'GOVERNANCE', Days: 30 });
      expect(verdictOf(m, 'AWS.S3.ObjectLockGovernance', B)).toBe(
        'NON_COMPLIANT: aws_s3_bucket.evidence: DefaultRetention.Mode is "GOVERNANCE" (reversible soak mode) (Terraform: DefaultRetention is aws_s3_bucket_object_lock_configuration rule.default_retention) (ObjectLockConfiguration is set by aws_s3_bucket_object_lock_configuration.evidence and aws_s3_bucket_object_lock_configuration.other, which are applied in no set order and each replaces the other: only the last applied takes effect, so the weakest of them, in each respect, is judged)',
      );
      expect(verdictOf(m, 'AWS.S3.ObjectLockCompliance', B)).toMatch(/^NON_COMPLIANT: aws_s3_bucket.evidence: DefaultRetention GOVERNANCE Days 30 is under the floor of 365 days /);
    });
    it('two KMS keys: UNKNOWN, naming both', () => {
      const d = compliant();
      d.resource.aws_s3_bucket_server_side_encryption_configuration.again = { bucket: evidenceBucket, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: 'arn:aws:kms:eu-west-1:111122223333:key/other' } }] };
      expect(verdictOf(tfModel(d), 'AWS.S3.EvidenceKmsEncryption', B)).toBe(
        'UNKNOWN: aws_s3_bucket.evidence: BucketEncryption is unresolvable before deploy (Terraform: BucketEncryption is aws_s3_bucket_server_side_encryption_configuration) (BucketEncryption is set by aws_s3_bucket_server_side_encryption_configuration.again and aws_s3_bucket_server_side_encryption_configuration.evidence, which are applied in no set order and each replaces the other: only the last applied takes effect, and none of them is the weakest in every respect, so it is unknown)',
      );
    });
    it('two aws_s3_bucket_versioning: Suspended', () => {
      const d = compliant();
      d.resource.aws_s3_bucket_versioning.again = { bucket: evidenceBucket, versioning_configuration: { status: 'Suspended' } };
      expect(verdictOf(tfModel(d), 'AWS.S3.EvidenceVersioning', B)).toBe(
        'NON_COMPLIANT: aws_s3_bucket.evidence: VersioningConfiguration.Status is "Suspended" (Terraform: VersioningConfiguration is aws_s3_bucket_versioning) (VersioningConfiguration is set by aws_s3_bucket_versioning.again and aws_s3_bucket_versioning.evidence, which are applied in no set order and each replaces the other: only the last applied takes effect, so the weakest of them, in each respect, is judged)',
      );
    });
    it('two aws_s3_bucket_public_access_block: each block false in any of them', () => {
      const d = compliant();
      d.resource.aws_s3_bucket_public_access_block.again = { bucket: evidenceBucket, block_public_acls: true, block_public_policy: false, ignore_public_acls: true, restrict_public_buckets: true };
      expect(verdictOf(tfModel(d), 'AWS.S3.EvidencePublicAccessBlock', B)).toBe(
        'NON_COMPLIANT: aws_s3_bucket.evidence: PublicAccessBlockConfiguration.BlockPublicPolicy is false (Terraform: PublicAccessBlockConfiguration is aws_s3_bucket_public_access_block) (PublicAccessBlockConfiguration is set by aws_s3_bucket_public_access_block.again and aws_s3_bucket_public_access_block.evidence, which are applied in no set order and each replaces the other: only the last applied takes effect, so the weakest of them, in each respect, is judged)',
      );
    });
    it('two aws_s3_bucket_server_side_encryption_configuration: SSE-S3', () => {
      const d = compliant();
      d.resource.aws_s3_bucket_server_side_encryption_configuration.again = { bucket: evidenceBucket, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }] };
      expect(verdictOf(tfModel(d), 'AWS.S3.EvidenceKmsEncryption', B)).toBe(
        'NON_COMPLIANT: aws_s3_bucket.evidence: SSEAlgorithm is "AES256", not aws:kms or aws:kms:dsse (BucketEncryption is set by aws_s3_bucket_server_side_encryption_configuration.again and aws_s3_bucket_server_side_encryption_configuration.evidence, which are applied in no set order and each replaces the other: only the last applied takes effect, so the weakest of them, in each respect, is judged)',
      );
    });
    it('two aws_s3_bucket_logging into different buckets: each destination is an evidence store', () => {
      const d = compliant();
      d.resource.aws_s3_bucket.other = { bucket: 'org-other-logs' };
      d.resource.aws_s3_bucket_logging.again = { bucket: evidenceBucket, target_bucket: '${aws_s3_bucket.other.id}', target_prefix: 'evidence/' };
      const m = tfModel(d);
      expect(verdictOf(m, 'AWS.S3.EvidenceVersioning', 'aws_s3_bucket.other')).toBe(
        'NON_COMPLIANT: aws_s3_bucket.other: VersioningConfiguration is absent and Object Lock is off, so the bucket is unversioned (Terraform: VersioningConfiguration is aws_s3_bucket_versioning)',
      );
      expect(verdictOf(m, 'AWS.S3.EvidenceVersioning', 'aws_s3_bucket.access')).toBe('COMPLIANT');
    });
    it('two aws_s3_bucket_replication_configuration into different buckets: each replica of evidence is an evidence store', () => {
      const d = compliant();
      d.resource.aws_s3_bucket.other = { bucket: 'org-other-replica' };
      d.resource.aws_s3_bucket_replication_configuration.again = {
        bucket: '${aws_s3_bucket.config.id}', role: '${aws_iam_role.flow.arn}', rule: [{ id: 'config', status: 'Enabled', filter: { prefix: 'config/' }, destination: { bucket: '${aws_s3_bucket.other.arn}' } }],
      };
      expect(verdictOf(tfModel(d), 'AWS.S3.EvidenceVersioning', 'aws_s3_bucket.other')).toBe(
        'NON_COMPLIANT: aws_s3_bucket.other: VersioningConfiguration is absent and Object Lock is off, so the bucket is unversioned (Terraform: VersioningConfiguration is aws_s3_bucket_versioning)',
      );
    });
  });

  it('judges two aws_config_configuration_recorder_status of one recorder by the weaker, naming both', () => {
    const d = compliant();
    d.resource.aws_config_configuration_recorder_status.off = { name: '${aws_config_configuration_recorder.main.name}', is_enabled: false };
    expect(verdictOf(tfModel(d), 'AWS.Config.RecorderAllResources', 'aws_config_configuration_recorder.main')).toMatch(
      /^NON_COMPLIANT: .*StartedOnCreate is false, so the recorder is not recording.* \(StartedOnCreate is set by aws_config_configuration_recorder_status.main and aws_config_configuration_recorder_status.off, which are applied in no set order and each replaces the other: only the last applied takes effect, so the weakest of them, in each respect, is judged\)$/,
    );
  });

  it('judges two aws_guardduty_detector_feature of one feature by the weaker, naming both', () => {
    const d = compliant();
    d.resource.aws_guardduty_detector_feature.again = { detector_id: '${aws_guardduty_detector.main.id}', name: 'S3_DATA_EVENTS', status: 'DISABLED' };
    expect(verdictOf(tfModel(d), 'AWS.GuardDuty.S3Protection', 'aws_guardduty_detector.main')).toBe(
      'NON_COMPLIANT: aws_guardduty_detector.main: feature S3_DATA_EVENTS is "DISABLED" (feature S3_DATA_EVENTS is set by aws_guardduty_detector_feature.again and aws_guardduty_detector_feature.s3, which are applied in no set order and each replaces the other: only the last applied takes effect, so the weakest of them, in each respect, is judged)',
    );
  });

  it('reads a dynamic block as UNKNOWN, never as absent', () => {
    const d = compliant();
    d.resource.aws_s3_bucket_server_side_encryption_configuration.evidence = { bucket: evidenceBucket, dynamic: { rule: { for_each: '${var.rules}', content: { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } } } } };
    expect(verdictOf(tfModel(d), 'AWS.S3.EvidenceKmsEncryption', B)).toMatch(/^UNKNOWN: /);
  });

  it('matches a plan literal id to the resource the configuration references (an existing VPC)', () => {
    const plan = toPlan(compliant()) as { planned_values: { root_module: { resources: Array<{ address: string; values: Record<string, unknown> }> } }; resource_changes: Array<{ address: string; change: { after_unknown: Record<string, unknown> } }> };
    const res = (a: string) => plan.planned_values.root_module.resources.find((r) => r.address === a)!;
    res('aws_vpc.main').values.id = 'vpc-0abc';
    res('aws_flow_log.main').values.vpc_id = 'vpc-0abc';
    delete plan.resource_changes.find((c) => c.address === 'aws_flow_log.main')!.change.after_unknown.vpc_id;
    expect(verdictOf(buildModel([loadDocument(plan, 'plan.json')]), 'AWS.EC2.VpcFlowLogs', 'aws_vpc.main')).toBe('COMPLIANT');
  });

  it('reads a computed value the plan configuration does not state as the provider default, and fails closed without a configuration', () => {
    const d = compliant();
    delete d.resource.aws_s3_bucket_object_lock_configuration;
    delete d.resource.aws_s3_bucket.evidence.object_lock_enabled;
    const plan = toPlan(d) as { resource_changes: Array<{ address: string; change: { after_unknown: Record<string, unknown> } }>; configuration?: unknown };
    plan.resource_changes.find((c) => c.address === B)!.change.after_unknown.object_lock_enabled = true;
    expect(verdictOf(buildModel([loadDocument(plan, 'plan.json')]), 'AWS.S3.ObjectLockCompliance', B)).toMatch(/^NON_COMPLIANT: /);
    delete plan.configuration;
    expect(verdictOf(buildModel([loadDocument(plan, 'plan.json')]), 'AWS.S3.ObjectLockCompliance', B)).toMatch(/^UNKNOWN: /);
  });

  it('names the Terraform attribute beside the CloudFormation property a finding mentions', () => {
    const d = compliant();
    set('aws_cloudtrail', 'org', { enable_logging: false })(d);
    const f = run(tfModel(d)).findings.find((x) => x.ruleId === 'AWS.CloudTrail.IsLogging')!;
    expect(f.message).toBe('aws_cloudtrail.org: IsLogging is false (Terraform: IsLogging is enable_logging)');
  });

  it('writes out the provider defaults the rules depend on', () => {
    // A detector is enabled unless `enable` is false.
    const d1 = compliant();
    set('aws_guardduty_detector', 'main', { enable: undefined })(d1);
    expect(verdictOf(tfModel(d1), 'AWS.GuardDuty.S3Protection', 'aws_guardduty_detector.main')).toBe('COMPLIANT');
    // A flow log delivers to CloudWatch Logs unless told otherwise; retention_in_days 0 keeps records forever.
    const d2 = compliant();
    set('aws_flow_log', 'main', { log_destination_type: undefined, log_destination: '${aws_cloudwatch_log_group.flow.arn}', iam_role_arn: '${aws_iam_role.flow.arn}' })(d2);
    d2.resource.aws_cloudwatch_log_group.flow = { name: 'flow-logs', retention_in_days: 0, kms_key_id: '${aws_kms_key.evidence.arn}' };
    const m = tfModel(d2);
    expect(m.get(m.byAddress('aws_flow_log.main')!, 'LogDestinationType')).toBe('cloud-watch-logs');
    expect(verdictOf(m, 'AWS.EC2.VpcFlowLogs', 'aws_vpc.main')).toBe('COMPLIANT');
    expect(verdictOf(m, 'AWS.Logs.EvidenceRetention', 'aws_cloudwatch_log_group.flow')).toBe('COMPLIANT');
    d2.resource.aws_cloudwatch_log_group.flow.retention_in_days = 7;
    expect(verdictOf(tfModel(d2), 'AWS.EC2.VpcFlowLogs', 'aws_vpc.main')).toMatch(/^NON_COMPLIANT: .*RetentionInDays 7/);
  });

  it('reads a reference to a resource of another file of its configuration as a reference, and a stated attribute as its value; never one of another configuration', () => {
    const net = { resource: { aws_vpc: { main: { cidr_block: '10.0.0.0/16' }, copy: { cidr_block: '${aws_vpc.main.cidr_block}' } } } };
    const logs = { resource: { aws_flow_log: { f: { vpc_id: '${aws_vpc.main.id}', traffic_type: 'ALL', log_destination: '${aws_s3_bucket.gone.arn}' } } } };
    const inFolder = (doc: object, file: string) => ({ ...loadDocument(doc, `cfg/${file}`), configuration: 'cfg/' });
    const m = buildModel([inFolder(net, 'net.tf.json'), inFolder(logs, 'logs.tf.json')]);
    expect(m.byAddress('aws_flow_log.f')!.properties.ResourceId).toEqual({ Ref: 'aws_vpc.main' });
    expect(m.byAddress('aws_vpc.copy')!.properties.CidrBlock).toBe('10.0.0.0/16');
    // A resource no input declares is only known at apply.
    expect(m.get(m.byAddress('aws_flow_log.f')!, 'LogDestination')).toBe(UNRESOLVED);
    // Two files given apart are two configurations: Terraform resolves neither's references in the other.
    const apart = buildModel([loadDocument(net, 'net.tf.json'), loadDocument(logs, 'logs.tf.json')]);
    expect(apart.get(apart.byAddress('aws_flow_log.f')!, 'ResourceId')).toBe(UNRESOLVED);
  });

  it('reads a whole-string reference alike with and without spaces, and text around one as a join', () => {
    const doc = {
      resource: {
        aws_s3_bucket: { b: { bucket: 'org-b' } },
        aws_vpc: { main: { cidr_block: '10.0.0.0/16' } },
        aws_flow_log: {
          plain: { vpc_id: '${aws_vpc.main.id}', log_destination: '${aws_s3_bucket.b.arn}' },
          spaced: { vpc_id: '${ aws_vpc.main.id }', log_destination: '${ aws_s3_bucket.b.arn }' },
          text: { vpc_id: '${aws_vpc.main.id}', log_destination: '${aws_s3_bucket.b.arn}/flow', log_group_name: '${aws_s3_bucket.b.bucket_domain_name}' },
          other: { vpc_id: '${aws_vpc.main.cidr_block}', log_destination: '${aws_s3_bucket.gone.arn}', log_group_name: '${var.x.y}' },
        },
      },
    };
    const m = buildModel([loadDocument(doc, 'main.tf.json')]);
    const props = (name: string) => m.byAddress(`aws_flow_log.${name}`)!.properties;
    expect(props('plain').ResourceId).toEqual({ Ref: 'aws_vpc.main' });
    expect(props('plain').LogDestination).toEqual({ 'Fn::GetAtt': ['aws_s3_bucket.b', 'Arn'] });
    expect(props('spaced').ResourceId).toEqual(props('plain').ResourceId);
    expect(props('spaced').LogDestination).toEqual(props('plain').LogDestination);
    expect(props('text').LogDestination).toEqual({ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['aws_s3_bucket.b', 'Arn'] }, '/flow']] });
    expect(props('text').LogGroupName).toEqual({ 'Fn::GetAtt': ['aws_s3_bucket.b', 'DomainName'] });
    // A stated attribute that is no identity reads as its value; a resource no input declares and a variable only the apply knows.
    expect(props('other').ResourceId).toBe('10.0.0.0/16');
    expect(props('other').LogDestination).toBe(UNRESOLVED);
    expect(props('other').LogGroupName).toBe(UNRESOLVED);
  });

  it('reads a reference in each file as naming the resource of its own file when two files declare one address', () => {
    const file = (cidr: string) => ({ resource: { aws_vpc: { main: { cidr_block: cidr }, copy: { cidr_block: '${aws_vpc.main.cidr_block}' } }, aws_flow_log: { f: { vpc_id: '${aws_vpc.main.id}' } } } });
    const m = buildModel([loadDocument(file('10.0.0.0/16'), 'a.tf.json'), loadDocument(file('10.1.0.0/16'), 'b.tf.json')]);
    const inFile = (f: string, address: string) => m.resources.find((r) => r.sourceFile === f && r.address === address)!;
    expect(inFile('a.tf.json', 'aws_vpc.copy').properties.CidrBlock).toBe('10.0.0.0/16');
    expect(inFile('b.tf.json', 'aws_vpc.copy').properties.CidrBlock).toBe('10.1.0.0/16');
    expect(inFile('b.tf.json', 'aws_flow_log.f').properties.ResourceId).toEqual({ Ref: 'aws_vpc.main' });
    expect(inFile('a.tf.json', 'aws_vpc.main').address).toBe('aws_vpc.main');
  });

  it('leaves CloudFormation and other providers as they are', () => {
    const m = buildModel([loadDocument({ resource: { google_storage_bucket: { b: { name: 'x', location: 'EU' } } } }, 'gcp.tf.json')]);
    expect(m.byAddress('google_storage_bucket.b')!.type).toBe('google_storage_bucket');
    expect(m.byAddress('google_storage_bucket.b')!.translatedFrom).toBeUndefined();
  });
});

describe('hashicorp/aws split resources in another file of the folder (one Terraform configuration)', () => {
  const scratch = scratchFolder('fr-tfaws-split-');
  /** compliant() split over files of one folder: `pick` names the file of each resource type; `extra` adds files. */
  const folderOf = (name: string, pick: (type: string) => string, extra: Record<string, Doc> = {}): string => {
    const files: Record<string, Doc> = {};
    for (const [type, byName] of Object.entries(compliant().resource)) (files[pick(type)] ??= { resource: {} }).resource[type] = byName;
    for (const [file, doc] of Object.entries({ ...files, ...extra })) scratch.write(path.join(name, file), JSON.stringify(doc));
    return path.join(scratch.dir(), name);
  };
  const runOf = (dir: string) => run(buildModel(loadPaths([dir], { cwd: scratch.dir() }).templates));
  const weaken: Doc = {
    resource: {
      aws_s3_bucket_object_lock_configuration: { short: { bucket: evidenceBucket, rule: { default_retention: { mode: 'GOVERNANCE', days: 1 } } } },
      aws_s3_bucket_versioning: { off: { bucket: evidenceBucket, versioning_configuration: { status: 'Suspended' } } },
    },
  };

  it('merges split resources into a bucket of another file of the folder: the compliant configuration passes', () => {
    const r = runOf(folderOf('apart', (t) => (t === 'aws_s3_bucket' ? 'buckets.tf.json' : t.startsWith('aws_s3_bucket') ? 's3parts.tf.json' : 'main.tf.json')));
    expect(r.findings).toEqual([]);
    // Every split resource counts as judged with its bucket (no rule judges a bucket policy of compliant(), in one file either).
    const parts = r.inputCoverage.files.find((f) => f.file === 'apart/s3parts.tf.json')!;
    expect(Object.entries(parts.byType).filter(([, c]) => c.judged < c.resources)).toEqual([['aws_s3_bucket_policy', { resources: 3, judged: 0 }]]);
  });

  it('judges a lock configuration and a versioning in a file of their own as in the bucket file: the bucket is no longer a pass', () => {
    const mine = runOf(folderOf('weakened', (t) => (t.startsWith('aws_s3_bucket') ? 's3.tf.json' : 'main.tf.json'), { 'weaken.tf.json': weaken }));
    const inBucketFile = run(tfModel({ ...compliant(), resource: { ...compliant().resource, aws_s3_bucket_object_lock_configuration: { ...compliant().resource.aws_s3_bucket_object_lock_configuration, ...weaken.resource.aws_s3_bucket_object_lock_configuration }, aws_s3_bucket_versioning: { ...compliant().resource.aws_s3_bucket_versioning, ...weaken.resource.aws_s3_bucket_versioning } } }));
    const shown = (r: RunResult) => r.findings.filter((f) => f.address === B).map((f) => `${f.ruleId} ${f.verdict} ${f.message}`).sort();
    expect(shown(mine)).toEqual(shown(inBucketFile));
    // Each competes with the bucket file's own, and the weaker is judged.
    expect(shown(mine)).toEqual(expect.arrayContaining([expect.stringMatching(/^AWS\.S3\.ObjectLockCompliance NON_COMPLIANT .*DefaultRetention GOVERNANCE Days 1 is under the floor/), expect.stringMatching(/^AWS\.S3\.EvidenceVersioning NON_COMPLIANT .*"Suspended"/)]));
    expect(mine.inputCoverage.files.find((f) => f.file === 'weakened/weaken.tf.json')).toMatchObject({ resources: 2, judged: 2 });
  });
});

describe('a plan that destroys evidence (its resource_changes actions)', () => {
  type PlanDoc = {
    planned_values: { root_module: { resources: Array<{ address: string; values: Record<string, unknown> }> } };
    resource_changes: Array<{ address: string; deposed?: string; change: { actions: string[]; before?: unknown; after?: unknown; after_unknown: Record<string, unknown> } }>;
  };
  const LG = 'aws_cloudwatch_log_group.trail';
  /** The compliant configuration's plan, with `actions` on the changes of `addresses`; a delete leaves them out of planned_values. */
  const destroying = (actions: string[], ...addresses: string[]): PlanDoc => {
    const plan = toPlan(compliant()) as PlanDoc;
    for (const a of addresses) {
      const rc = plan.resource_changes.find((c) => c.address === a)!;
      const deleted = actions.length === 1 && actions[0] === 'delete';
      rc.change = { ...rc.change, actions, before: rc.change.after, after: deleted ? null : rc.change.after };
      if (deleted) plan.planned_values.root_module.resources = plan.planned_values.root_module.resources.filter((r) => r.address !== a);
    }
    return plan;
  };
  const model = (plan: PlanDoc): ResourceModel => buildModel([loadDocument(plan, 'plan.json')]);
  const messageOf = (plan: PlanDoc, rule: string, address: string): string | undefined => run(model(plan)).findings.find((f) => f.ruleId === rule && f.address === address)?.message;

  it('a plan that changes nothing of the bucket: whether it survives a destroy is UNKNOWN (a plan does not record prevent_destroy)', () => {
    expect(verdictOf(model(destroying(['update'], B)), 'AWS.S3.EvidenceRetain', B)).toMatch(/^UNKNOWN: .*not recorded here/);
  });

  it.each([[['delete', 'create']], [['create', 'delete']]])('a replace of the evidence bucket and the trail\'s log group (%j): NON_COMPLIANT, the plan\'s replace named', (actions) => {
    const plan = destroying(actions, B, LG);
    expect(verdictOf(model(plan), 'AWS.S3.EvidenceRetain', B)).toMatch(/^NON_COMPLIANT: /);
    expect(messageOf(plan, 'AWS.S3.EvidenceRetain', B)).toMatch(new RegExp(`\\(the plan replaces it \\(actions ${actions.join(', ')}: the one that exists is destroyed\\)\\)$`));
    expect(verdictOf(model(plan), 'AWS.Logs.EvidenceRetain', LG)).toMatch(/^NON_COMPLIANT: /);
  });

  it('a delete of the evidence bucket (gone from planned_values): judged as it was, NON_COMPLIANT; the trail still writes into it, by name', () => {
    const plan = destroying(['delete'], B);
    expect(messageOf(plan, 'AWS.S3.EvidenceRetain', B)).toMatch(/\(the plan destroys it \(action delete\)\)$/);
    expect(run(model(plan)).findings.filter((f) => f.ruleId === 'AWS.CloudTrail.LockedDestination')).toEqual([]);
    const r = run(model(plan));
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} ${f.address}`)).toContain(`AWS.S3.EvidenceRetain ${B}`);
  });

  it('a log group with skip_destroy survives a replace: its events are kept, not a finding', () => {
    const d = compliant();
    set('aws_cloudwatch_log_group', 'trail', { skip_destroy: true })(d);
    const plan = toPlan(d) as PlanDoc;
    plan.resource_changes.find((c) => c.address === LG)!.change.actions = ['delete', 'create'];
    expect(verdictOf(model(plan), 'AWS.Logs.EvidenceRetain', LG)).toBe('COMPLIANT');
  });

  it("a deposed object's delete change does not replace the current object's unknowns, nor mark it destroyed", () => {
    const plan = toPlan(compliant()) as PlanDoc;
    const res = plan.planned_values.root_module.resources.find((r) => r.address === LG)!;
    delete res.values.retention_in_days;
    const rc = plan.resource_changes.find((c) => c.address === LG)!;
    rc.change.after_unknown.retention_in_days = true;
    expect(verdictOf(model(plan), 'AWS.Logs.EvidenceRetention', LG)).toMatch(/^UNKNOWN: /);
    plan.resource_changes.push({ address: LG, deposed: '8b0a2c3f', change: { actions: ['delete'], before: { ...res.values, retention_in_days: 1 }, after: null, after_unknown: {} } });
    expect(verdictOf(model(plan), 'AWS.Logs.EvidenceRetention', LG)).toMatch(/^UNKNOWN: /);
    expect(verdictOf(model(plan), 'AWS.Logs.EvidenceRetain', LG)).toMatch(/^UNKNOWN: /);
  });
});
