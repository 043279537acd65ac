/**
 * hashicorp/aws Terraform as the AWS rules read it. Each supported `aws_*` resource of a Terraform
 * JSON file (cdk.tf.json, *.tf.json) or a plan becomes the CloudFormation resource that states the
 * same thing, at the same address and in the same file, so one AWS rule judges both dialects:
 *
 * - values: `${aws_x.y.id}` becomes `Ref`, `${aws_x.y.arn}` `Fn::GetAtt [.., Arn]`, text around
 *   them `Fn::Join`; a variable, local, data source or function call is UNRESOLVED (as is a
 *   `dynamic` block, marked by the loader). A plan's values are final: only the references
 *   the plan loader put back for values known after apply are read as references.
 * - defaults: the provider's defaults are written out (a trail logs unless `enable_logging` is
 *   false, an `aws_flow_log` delivers to CloudWatch Logs every 600 s, a notebook has internet and
 *   root access), so an unstated setting is judged as the provider applies it.
 * - split resources: `aws_s3_bucket_versioning`, `_object_lock_configuration`,
 *   `_server_side_encryption_configuration`, `_public_access_block`, `_logging`,
 *   `_replication_configuration` are merged into the bucket they name, and
 *   `aws_guardduty_detector_feature` into its detector, `aws_config_configuration_recorder_status`
 *   into its recorder (as `StartedOnCreate`; a recorder without one is not recording), by reference, by literal name in the same
 *   configuration (every *.tf.json file of one folder), or by the plan's references. One that names a bucket only through a
 *   variable makes that setting UNRESOLVED on every bucket of its configuration that does not state it: never a silent pass.
 *   Two that state one setting of one bucket differently (or one and the bucket's inline block) are
 *   applied in no set order, each replacing the other: the weakest is judged (weakerSetting), and
 *   the translation names them (TranslatedFrom.competing).
 * - retention of the resource itself (buckets and keys): `DeletionPolicy: Retain` only for
 *   `lifecycle.prevent_destroy` without `force_destroy`; a plan does not record lifecycle, so there
 *   it is UNRESOLVED.
 *
 * Findings on a translated resource name the type the input wrote (`translatedFrom`); a merged
 * resource stays in the model, marked with the address it was merged into.
 */
import { CONFIGURED_KEYS_ATTRIBUTE, PLAN_REFERENCES_ATTRIBUTE, ResourceModel, UNRESOLVED, isUnresolved } from '../../engine/model';
import { scanTfTemplate, tfAddressTokens, wholeInterpolation } from '../../engine/tf-template';
import { Competition, MERGED_INTO_ATTRIBUTE, Resource, TranslatedFrom, planDestroys } from '../../engine/types';

type Props = Record<string, unknown>;
interface Translated {
  readonly type: string;
  readonly properties: Props;
  /** DeletionPolicy and UpdateReplacePolicy. */
  readonly policy?: unknown;
}
type Mapper = (p: Props, raw: Resource) => Translated;

const POLICY_TYPES = new Set(['aws_s3_bucket', 'aws_s3_bucket_policy', 'aws_kms_key']);
/** The recorder's on state is its own hashicorp/aws resource, merged into the recorder it names. */
const RECORDER_STATUS = 'aws_config_configuration_recorder_status';
const RECORDER = 'AWS::Config::ConfigurationRecorder';

/** Every hashicorp/aws type the AWS rules judge, with the CloudFormation resource it becomes. */
const MAPPERS: Record<string, Mapper> = {
  aws_s3_bucket: (p, raw) => ({
    type: 'AWS::S3::Bucket',
    policy: retention(raw, p.force_destroy),
    properties: {
      BucketName: p.bucket,
      ObjectLockEnabled: p.object_lock_enabled ?? (get(one(p.object_lock_configuration), 'object_lock_enabled') === 'Enabled' ? true : undefined),
      ObjectLockConfiguration: lockConfiguration(one(p.object_lock_configuration)),
      VersioningConfiguration: map(one(p.versioning), (v) => ({ Status: isUnresolved(v.enabled) ? UNRESOLVED : v.enabled === true ? 'Enabled' : 'Suspended' })),
      BucketEncryption: encryption(one(p.server_side_encryption_configuration)),
      LoggingConfiguration: map(one(p.logging), (l) => ({ DestinationBucketName: l.target_bucket, LogFilePrefix: l.target_prefix })),
      ReplicationConfiguration: replication(one(p.replication_configuration), 'rules'),
      Tags: tags(p),
      // The legacy policy argument: the bucket's one policy, as an aws_s3_bucket_policy would set it (not a CloudFormation property; see bucketPolicies).
      PolicyDocument: inlinePolicy(p.policy, raw),
    },
  }),
  aws_s3_bucket_policy: (p) => ({ type: 'AWS::S3::BucketPolicy', properties: { Bucket: p.bucket, PolicyDocument: policyDocument(p.policy) } }),
  aws_cloudtrail: (p) => ({
    type: 'AWS::CloudTrail::Trail',
    properties: {
      TrailName: p.name,
      S3BucketName: p.s3_bucket_name,
      S3KeyPrefix: p.s3_key_prefix,
      CloudWatchLogsLogGroupArn: p.cloud_watch_logs_group_arn,
      CloudWatchLogsRoleArn: p.cloud_watch_logs_role_arn,
      IsLogging: p.enable_logging ?? true,
      EnableLogFileValidation: p.enable_log_file_validation ?? false,
      IncludeGlobalServiceEvents: p.include_global_service_events ?? true,
      IsMultiRegionTrail: p.is_multi_region_trail ?? false,
      IsOrganizationTrail: p.is_organization_trail ?? false,
      KMSKeyId: p.kms_key_id,
      EventSelectors: list(p.event_selector, (e) => ({
        ReadWriteType: e.read_write_type ?? 'All',
        IncludeManagementEvents: e.include_management_events ?? true,
        DataResources: list(e.data_resource, (d) => ({ Type: d.type, Values: d.values })),
        ExcludeManagementEventSources: e.exclude_management_event_sources,
      })),
      AdvancedEventSelectors: list(p.advanced_event_selector, (a) => ({
        Name: a.name,
        FieldSelectors: list(a.field_selector, (f) => ({
          Field: f.field, Equals: f.equals, NotEquals: f.not_equals, StartsWith: f.starts_with,
          NotStartsWith: f.not_starts_with, EndsWith: f.ends_with, NotEndsWith: f.not_ends_with,
        })),
      })),
      Tags: tags(p),
    },
  }),
  aws_flow_log: (p) => {
    const [kind, id] = flowLogTarget(p);
    return {
      type: 'AWS::EC2::FlowLog',
      properties: {
        ResourceId: id,
        ResourceType: kind,
        TrafficType: p.traffic_type,
        LogDestinationType: p.log_destination_type ?? 'cloud-watch-logs',
        LogDestination: p.log_destination,
        LogGroupName: p.log_group_name,
        DeliverLogsPermissionArn: p.iam_role_arn,
        DeliverCrossAccountRole: p.deliver_cross_account_role,
        LogFormat: p.log_format,
        MaxAggregationInterval: p.max_aggregation_interval ?? 600,
        DestinationOptions: map(one(p.destination_options), (d) => ({ FileFormat: d.file_format, HiveCompatiblePartitions: d.hive_compatible_partitions, PerHourPartition: d.per_hour_partition })),
        Tags: tags(p),
      },
    };
  },
  aws_vpc: (p) => ({ type: 'AWS::EC2::VPC', properties: { CidrBlock: p.cidr_block, Tags: tags(p) } }),
  aws_route53_resolver_query_log_config: (p) => ({ type: 'AWS::Route53Resolver::ResolverQueryLoggingConfig', properties: { Name: p.name, DestinationArn: p.destination_arn } }),
  aws_route53_resolver_query_log_config_association: (p) => ({
    type: 'AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation',
    properties: { ResolverQueryLogConfigId: p.resolver_query_log_config_id, ResourceId: p.resource_id },
  }),
  aws_sagemaker_endpoint_configuration: (p) => ({
    type: 'AWS::SageMaker::EndpointConfig',
    properties: {
      EndpointConfigName: p.name,
      KmsKeyId: p.kms_key_arn,
      ProductionVariants: list(p.production_variants, (v) => ({ VariantName: v.variant_name, ModelName: v.model_name, InstanceType: v.instance_type, InitialInstanceCount: v.initial_instance_count })),
      DataCaptureConfig: map(one(p.data_capture_config), (d) => ({
        EnableCapture: d.enable_capture ?? false,
        InitialSamplingPercentage: d.initial_sampling_percentage,
        DestinationS3Uri: d.destination_s3_uri,
        KmsKeyId: d.kms_key_id,
        CaptureOptions: list(d.capture_options, (o) => ({ CaptureMode: o.capture_mode })),
      })),
      Tags: tags(p),
    },
  }),
  // No CloudFormation resource exists: it becomes the SDK call an AwsCustomResource states (facts/aws/sdk-calls.ts).
  // Each *_data_delivery_enabled defaults to true in the provider.
  aws_bedrock_model_invocation_logging_configuration: (p) => {
    const config = one(p.logging_config);
    const s3 = (b: unknown) => map(one(b), (c) => ({ bucketName: c.bucket_name, keyPrefix: c.key_prefix }));
    const on = (k: string) => (config === undefined ? undefined : isUnresolved(config) ? UNRESOLVED : config[k] ?? true);
    const loggingConfig = isUnresolved(config) ? UNRESOLVED : config === undefined ? undefined : {
      textDataDeliveryEnabled: on('text_data_delivery_enabled'),
      imageDataDeliveryEnabled: on('image_data_delivery_enabled'),
      embeddingDataDeliveryEnabled: on('embedding_data_delivery_enabled'),
      videoDataDeliveryEnabled: on('video_data_delivery_enabled'),
      s3Config: s3(config.s3_config),
      cloudWatchConfig: map(one(config.cloudwatch_config), (c) => ({ logGroupName: c.log_group_name, roleArn: c.role_arn, largeDataDeliveryS3Config: s3(c.large_data_delivery_s3_config) })),
    };
    const call = { service: 'Bedrock', action: 'PutModelInvocationLoggingConfiguration', parameters: { loggingConfig } };
    return { type: 'Custom::AWS', properties: { Create: call, Update: call } };
  },
  // The provider defaults all_supported to true and include_global_resource_types to false; the recorder is
  // not started by this resource but by aws_config_configuration_recorder_status (merged below as StartedOnCreate).
  aws_config_configuration_recorder: (p) => ({
    type: 'AWS::Config::ConfigurationRecorder',
    properties: {
      Name: p.name ?? 'default',
      RoleARN: p.role_arn,
      RecordingGroup: map(one(p.recording_group), (g) => ({
        AllSupported: g.all_supported ?? true,
        IncludeGlobalResourceTypes: g.include_global_resource_types ?? false,
        ResourceTypes: g.resource_types,
        ExclusionByResourceTypes: map(one(g.exclusion_by_resource_types), (e) => ({ ResourceTypes: e.resource_types })),
        RecordingStrategy: map(one(g.recording_strategy), (r) => ({ UseOnly: r.use_only })),
      })),
      RecordingMode: map(one(p.recording_mode), (m) => ({
        RecordingFrequency: m.recording_frequency,
        RecordingModeOverrides: list(m.recording_mode_override, (o) => ({ Description: o.description, RecordingFrequency: o.recording_frequency, ResourceTypes: o.resource_types })),
      })),
    },
  }),
  aws_config_delivery_channel: (p) => ({
    type: 'AWS::Config::DeliveryChannel',
    properties: {
      Name: p.name,
      S3BucketName: p.s3_bucket_name,
      S3KeyPrefix: p.s3_key_prefix,
      SnsTopicARN: p.sns_topic_arn,
      ConfigSnapshotDeliveryProperties: map(one(p.snapshot_delivery_properties), (d) => ({ DeliveryFrequency: d.delivery_frequency })),
    },
  }),
  // No CloudFormation resource exists: it becomes the SDK call an AwsCustomResource states (facts/aws/sdk-calls.ts).
  aws_config_retention_configuration: (p) => {
    const call = { service: 'ConfigService', action: 'PutRetentionConfiguration', parameters: { RetentionPeriodInDays: p.retention_period_in_days } };
    return { type: 'Custom::AWS', properties: { Create: call, Update: call } };
  },
  aws_sagemaker_endpoint: (p) => ({ type: 'AWS::SageMaker::Endpoint', properties: { EndpointName: p.name, EndpointConfigName: p.endpoint_config_name, Tags: tags(p) } }),
  aws_sagemaker_model: (p) => ({
    type: 'AWS::SageMaker::Model',
    properties: {
      ModelName: p.name,
      ExecutionRoleArn: p.execution_role_arn,
      EnableNetworkIsolation: p.enable_network_isolation ?? false,
      VpcConfig: map(one(p.vpc_config), (v) => ({ SecurityGroupIds: v.security_group_ids, Subnets: v.subnets })),
      Tags: tags(p),
    },
  }),
  aws_sagemaker_notebook_instance: (p) => ({
    type: 'AWS::SageMaker::NotebookInstance',
    properties: {
      NotebookInstanceName: p.name,
      InstanceType: p.instance_type,
      RoleArn: p.role_arn,
      DirectInternetAccess: p.direct_internet_access ?? 'Enabled',
      RootAccess: p.root_access ?? 'Enabled',
      KmsKeyId: p.kms_key_id,
      SubnetId: p.subnet_id,
      Tags: tags(p),
    },
  }),
  aws_guardduty_detector: (p) => ({
    type: 'AWS::GuardDuty::Detector',
    properties: {
      Enable: p.enable ?? true,
      FindingPublishingFrequency: p.finding_publishing_frequency,
      DataSources: map(one(p.datasources), (d) => ({ S3Logs: map(one(d.s3_logs), (s) => ({ Enable: s.enable })) })),
      Tags: tags(p),
    },
  }),
  aws_guardduty_publishing_destination: (p) => ({
    type: 'AWS::GuardDuty::PublishingDestination',
    properties: { DetectorId: p.detector_id, DestinationType: p.destination_type ?? 'S3', DestinationProperties: { DestinationArn: p.destination_arn, KmsKeyArn: p.kms_key_arn } },
  }),
  aws_cloudwatch_log_group: (p, raw) => ({
    type: 'AWS::Logs::LogGroup',
    // skip_destroy keeps the group on destroy, as lifecycle.prevent_destroy refuses to destroy it.
    policy: p.skip_destroy === true ? 'Retain' : isUnresolved(p.skip_destroy) ? UNRESOLVED : retention(raw, undefined),
    properties: { LogGroupName: p.name, RetentionInDays: p.retention_in_days === 0 ? undefined : p.retention_in_days, KmsKeyId: p.kms_key_id, DeletionProtectionEnabled: p.deletion_protection_enabled ?? false, Tags: tags(p) },
  }),
  aws_kms_key: (p, raw) => ({
    type: 'AWS::KMS::Key',
    policy: retention(raw, undefined),
    properties: { Description: p.description, EnableKeyRotation: p.enable_key_rotation ?? false, PendingWindowInDays: p.deletion_window_in_days, KeyPolicy: policyDocument(p.policy), Tags: tags(p) },
  }),
  aws_kms_alias: (p) => ({ type: 'AWS::KMS::Alias', properties: { AliasName: p.name, TargetKeyId: p.target_key_id } }),
  // enforce_workgroup_configuration defaults to true inside a configuration block; without the block the provider sends none.
  aws_athena_workgroup: (p) => ({
    type: 'AWS::Athena::WorkGroup',
    properties: {
      Name: p.name,
      WorkGroupConfiguration: map(one(p.configuration), (c) => ({
        EnforceWorkGroupConfiguration: c.enforce_workgroup_configuration ?? true,
        ResultConfiguration: map(one(c.result_configuration), (r) => ({
          OutputLocation: r.output_location,
          EncryptionConfiguration: map(one(r.encryption_configuration), (e) => ({ EncryptionOption: e.encryption_option, KmsKey: e.kms_key_arn })),
        })),
      })),
      Tags: tags(p),
    },
  }),
  aws_lb: (p) => loadBalancerV2(p),
  aws_alb: (p) => loadBalancerV2(p),
  aws_elb: (p) => ({
    type: 'AWS::ElasticLoadBalancing::LoadBalancer',
    properties: {
      LoadBalancerName: p.name,
      AccessLoggingPolicy: map(one(p.access_logs), (a) => ({ S3BucketName: a.bucket, S3BucketPrefix: a.bucket_prefix, EmitInterval: a.interval, Enabled: a.enabled ?? true })),
    },
  }),
  aws_cloudfront_distribution: (p) => ({
    type: 'AWS::CloudFront::Distribution',
    properties: { DistributionConfig: { Logging: map(one(p.logging_config), (l) => ({ Bucket: l.bucket, Prefix: l.prefix, IncludeCookies: l.include_cookies })) } },
  }),
  aws_cloudwatch_log_subscription_filter: (p) => ({
    type: 'AWS::Logs::SubscriptionFilter',
    properties: { FilterName: p.name, LogGroupName: p.log_group_name, FilterPattern: p.filter_pattern, DestinationArn: p.destination_arn, RoleArn: p.role_arn },
  }),
  aws_kinesis_firehose_delivery_stream: (p) => ({
    type: 'AWS::KinesisFirehose::DeliveryStream',
    properties: {
      DeliveryStreamName: p.name,
      // Only the extended_s3 destination writes into S3 as its destination (the other destinations' s3_configuration is their backup).
      ExtendedS3DestinationConfiguration: isUnresolved(p.destination)
        ? UNRESOLVED
        : p.destination === 'extended_s3'
          ? map(one(p.extended_s3_configuration), (c) => ({ BucketARN: c.bucket_arn, Prefix: c.prefix, ErrorOutputPrefix: c.error_output_prefix, CompressionFormat: c.compression_format ?? 'UNCOMPRESSED', RoleARN: c.role_arn }))
          : undefined,
      Tags: tags(p),
    },
  }),
  aws_sagemaker_domain: (p) => ({
    type: 'AWS::SageMaker::Domain',
    properties: {
      DomainName: p.domain_name,
      AuthMode: p.auth_mode,
      DomainSettings: map(one(p.domain_settings), (d) => ({ ExecutionRoleIdentityConfig: d.execution_role_identity_config })),
      DefaultUserSettings: map(one(p.default_user_settings), (u) => ({ ExecutionRole: u.execution_role })),
      Tags: tags(p),
    },
  }),
  aws_iam_role: (p) => ({ type: 'AWS::IAM::Role', properties: { RoleName: p.name, AssumeRolePolicyDocument: policyDocument(p.assume_role_policy), Tags: tags(p) } }),
};

/**
 * The Terraform names of the CloudFormation properties each type is judged by, so a finding on a
 * translated resource can say what to change in the input (`IsLogging` is `enable_logging`).
 */
const TERRAFORM_NAMES: Record<string, Record<string, string>> = {
  aws_s3_bucket: {
    ObjectLockEnabled: 'object_lock_enabled',
    ObjectLockConfiguration: 'aws_s3_bucket_object_lock_configuration',
    DefaultRetention: 'aws_s3_bucket_object_lock_configuration rule.default_retention',
    VersioningConfiguration: 'aws_s3_bucket_versioning',
    BucketEncryption: 'aws_s3_bucket_server_side_encryption_configuration',
    PublicAccessBlockConfiguration: 'aws_s3_bucket_public_access_block',
    LoggingConfiguration: 'aws_s3_bucket_logging',
    ReplicationConfiguration: 'aws_s3_bucket_replication_configuration',
    BucketPolicy: 'aws_s3_bucket_policy',
    PolicyDocument: 'policy',
    DeletionPolicy: 'lifecycle.prevent_destroy, force_destroy',
    UpdateReplacePolicy: 'lifecycle.prevent_destroy',
  },
  aws_cloudtrail: {
    S3BucketName: 's3_bucket_name', CloudWatchLogsLogGroupArn: 'cloud_watch_logs_group_arn', CloudWatchLogsRoleArn: 'cloud_watch_logs_role_arn',
    IsLogging: 'enable_logging', EnableLogFileValidation: 'enable_log_file_validation', IncludeGlobalServiceEvents: 'include_global_service_events',
    IsMultiRegionTrail: 'is_multi_region_trail', KMSKeyId: 'kms_key_id', EventSelectors: 'event_selector', AdvancedEventSelectors: 'advanced_event_selector',
  },
  aws_flow_log: {
    ResourceId: 'vpc_id / subnet_id / eni_id', TrafficType: 'traffic_type', LogDestinationType: 'log_destination_type', LogDestination: 'log_destination',
    LogGroupName: 'log_group_name', LogFormat: 'log_format', MaxAggregationInterval: 'max_aggregation_interval',
  },
  aws_route53_resolver_query_log_config: { DestinationArn: 'destination_arn' },
  aws_route53_resolver_query_log_config_association: { ResolverQueryLogConfigId: 'resolver_query_log_config_id', ResourceId: 'resource_id' },
  aws_sagemaker_endpoint_configuration: {
    KmsKeyId: 'kms_key_arn', DataCaptureConfig: 'data_capture_config', EnableCapture: 'enable_capture', InitialSamplingPercentage: 'initial_sampling_percentage',
    DestinationS3Uri: 'destination_s3_uri', CaptureOptions: 'capture_options', CaptureMode: 'capture_mode',
  },
  aws_bedrock_model_invocation_logging_configuration: {
    Create: 'logging_config', Update: 'logging_config', textDataDeliveryEnabled: 'text_data_delivery_enabled', imageDataDeliveryEnabled: 'image_data_delivery_enabled',
    embeddingDataDeliveryEnabled: 'embedding_data_delivery_enabled', videoDataDeliveryEnabled: 'video_data_delivery_enabled',
  },
  aws_config_configuration_recorder: {
    RecordingGroup: 'recording_group', AllSupported: 'recording_group.all_supported', IncludeGlobalResourceTypes: 'recording_group.include_global_resource_types',
    ResourceTypes: 'recording_group.resource_types', ExclusionByResourceTypes: 'recording_group.exclusion_by_resource_types', RecordingStrategy: 'recording_group.recording_strategy',
    UseOnly: 'recording_group.recording_strategy.use_only', RecordingMode: 'recording_mode', RecordingFrequency: 'recording_mode.recording_frequency',
    RecordingModeOverrides: 'recording_mode.recording_mode_override', StartedOnCreate: 'aws_config_configuration_recorder_status is_enabled',
  },
  aws_config_delivery_channel: { S3BucketName: 's3_bucket_name', S3KeyPrefix: 's3_key_prefix', ConfigSnapshotDeliveryProperties: 'snapshot_delivery_properties', DeliveryFrequency: 'snapshot_delivery_properties.delivery_frequency' },
  aws_config_retention_configuration: { Create: 'retention_period_in_days', Update: 'retention_period_in_days', RetentionPeriodInDays: 'retention_period_in_days' },
  aws_sagemaker_model: { EnableNetworkIsolation: 'enable_network_isolation', VpcConfig: 'vpc_config' },
  aws_sagemaker_notebook_instance: { DirectInternetAccess: 'direct_internet_access', RootAccess: 'root_access', KmsKeyId: 'kms_key_id', SubnetId: 'subnet_id' },
  aws_guardduty_detector: { Enable: 'enable', Features: 'aws_guardduty_detector_feature', DataSources: 'datasources', PublishingDestination: 'aws_guardduty_publishing_destination' },
  aws_athena_workgroup: {
    WorkGroupConfiguration: 'configuration', EnforceWorkGroupConfiguration: 'configuration.enforce_workgroup_configuration', ResultConfiguration: 'result_configuration',
    OutputLocation: 'result_configuration.output_location', EncryptionConfiguration: 'result_configuration.encryption_configuration',
    EncryptionOption: 'encryption_option', KmsKey: 'kms_key_arn',
  },
  aws_cloudwatch_log_group: { RetentionInDays: 'retention_in_days', KmsKeyId: 'kms_key_id', DeletionProtectionEnabled: 'deletion_protection_enabled', DeletionPolicy: 'skip_destroy, lifecycle.prevent_destroy', UpdateReplacePolicy: 'skip_destroy, lifecycle.prevent_destroy' },
  aws_cloudwatch_log_subscription_filter: { LogGroupName: 'log_group_name', FilterPattern: 'filter_pattern', DestinationArn: 'destination_arn' },
  aws_kinesis_firehose_delivery_stream: { ExtendedS3DestinationConfiguration: 'extended_s3_configuration', BucketARN: 'extended_s3_configuration.bucket_arn', Prefix: 'extended_s3_configuration.prefix' },
  aws_sagemaker_domain: { DomainSettings: 'domain_settings', ExecutionRoleIdentityConfig: 'domain_settings.execution_role_identity_config', DefaultUserSettings: 'default_user_settings', ExecutionRole: 'default_user_settings.execution_role' },
  aws_iam_role: { AssumeRolePolicyDocument: 'assume_role_policy' },
  aws_kms_key: { EnableKeyRotation: 'enable_key_rotation', DeletionPolicy: 'lifecycle.prevent_destroy', UpdateReplacePolicy: 'lifecycle.prevent_destroy' },
};

/**
 * The words of a reason that speak of a bucket setting, so that a finding on a setting several
 * resources state names them (TranslatedFrom.competing).
 */
const COMPETING_WORDS: Record<string, readonly string[]> = {
  ObjectLockConfiguration: ['ObjectLockConfiguration', 'DefaultRetention', 'default retention'],
  VersioningConfiguration: ['VersioningConfiguration'],
  BucketEncryption: ['BucketEncryption', 'SSEAlgorithm', 'KMSMasterKeyID', 'BucketKeyEnabled'],
  PublicAccessBlockConfiguration: ['PublicAccessBlockConfiguration', 'BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets', 'public access blocks'],
  LoggingConfiguration: ['LoggingConfiguration', 'access logs'],
  ReplicationConfiguration: ['ReplicationConfiguration', 'replicat'],
};

/** The aws_s3_bucket inline block that states a bucket property (the legacy arguments a split resource replaces). */
const INLINE_BLOCKS: Record<string, string> = {
  ObjectLockConfiguration: 'object_lock_configuration',
  VersioningConfiguration: 'versioning',
  BucketEncryption: 'server_side_encryption_configuration',
  LoggingConfiguration: 'logging',
  ReplicationConfiguration: 'replication_configuration',
};

/**
 * Whether a bucket's own configuration states a property through its inline block. In a plan, only
 * a block its configuration section states: the rest is the provider's read of the bucket (or, for
 * a new bucket, a value known after apply), whoever set it.
 */
function statesInline(bucket: Resource, prop: string, plan: boolean): boolean {
  const block = INLINE_BLOCKS[prop];
  if (block === undefined) return false;
  if (!plan) return true;
  const configured = bucket.attributes[CONFIGURED_KEYS_ATTRIBUTE];
  return Array.isArray(configured) && configured.includes(block);
}

/**
 * Of two values two resources state of one bucket setting, the weaker: the one no rule reading the
 * setting judges better than the other. Where neither is weaker in every respect, the weakest in each
 * respect: the public access blocks block by block (a block is false when either says so), two
 * retentions as the weaker mode with the shorter period (a COMPLIANCE lock of fewer days against a
 * GOVERNANCE one of more) — every rule asks for all of them, so none passes what one of the two
 * fails. UNRESOLVED otherwise (two KMS keys, two logging or replication destinations).
 */
function weakerSetting(prop: string, a: unknown, b: unknown): unknown {
  if (prop === 'PublicAccessBlockConfiguration') return weakerBlocks(a, b);
  const strength = SETTING_STRENGTH[prop];
  if (!strength) return UNRESOLVED;
  const sa = isUnresolved(a) ? undefined : strength(a);
  const sb = isUnresolved(b) ? undefined : strength(b);
  // An unknown value against the weakest there is: that one is the worst whatever the other is.
  if (sa === undefined || sb === undefined) {
    const known = sa ?? sb;
    return known !== undefined && known.every((x) => x === 0) ? (sa ? a : b) : UNRESOLVED;
  }
  const aLe = sa.every((x, i) => x <= sb[i]);
  const bLe = sb.every((x, i) => x <= sa[i]);
  if (aLe && !bLe) return a;
  if (bLe && !aLe) return b;
  // Two locks with a retention each, neither weaker in every respect: the weaker mode with the shorter period.
  if (prop === 'ObjectLockConfiguration' && !aLe && !bLe) {
    const mode = (sa[1] <= sb[1] ? lockRetention(a) : lockRetention(b)).Mode;
    return { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: mode, Days: Math.min(sa[2], sb[2]) } } };
  }
  return UNRESOLVED;
}

/** The DefaultRetention of a lock configuration SETTING_STRENGTH has read. */
function lockRetention(v: unknown): Props {
  return ((v as Props).Rule as Props).DefaultRetention as Props;
}

/** A setting's strength in each respect the rules judge (higher is stronger), undefined when only the deploy knows it. */
const SETTING_STRENGTH: Record<string, (v: unknown) => number[] | undefined> = {
  // A recorder is recording only when started (aws_config_configuration_recorder_status is_enabled).
  StartedOnCreate: (v) => (v === true || v === 'true' ? [1] : v === false || v === 'false' ? [0] : undefined),
  VersioningConfiguration: (v) => {
    const status = (v as Props | null)?.Status;
    return status === 'Enabled' ? [1] : typeof status === 'string' ? [0] : undefined;
  },
  ObjectLockConfiguration: (v) => {
    const c = v as Props | null;
    if (c === null || typeof c !== 'object') return undefined;
    if (isUnresolved(c.ObjectLockEnabled)) return undefined;
    if (c.ObjectLockEnabled !== undefined && c.ObjectLockEnabled !== 'Enabled') return [0, 0, 0];
    if (isUnresolved(c.Rule)) return undefined;
    const d = (c.Rule as Props | undefined)?.DefaultRetention;
    if (isUnresolved(d)) return undefined;
    if (d === undefined || d === null || typeof d !== 'object') return [1, 0, 0];
    const { Mode: mode, Days: days, Years: years } = d as Props;
    if (isUnresolved(mode) || (mode !== undefined && typeof mode !== 'string')) return undefined;
    const total = days !== undefined ? Number(days) : years !== undefined ? Number(years) * 365 : 0;
    if (!Number.isFinite(total)) return undefined;
    return [1, mode === 'COMPLIANCE' ? 2 : mode === 'GOVERNANCE' ? 1 : 0, total];
  },
  BucketEncryption: (v) => {
    const rules = (v as Props | null)?.ServerSideEncryptionConfiguration;
    if (!Array.isArray(rules) || rules.length === 0) return undefined;
    let rank = 2;
    for (const rule of rules) {
      const d = (rule as Props | null)?.ServerSideEncryptionByDefault as Props | undefined;
      const algorithm = d?.SSEAlgorithm;
      if (typeof algorithm !== 'string') return undefined;
      rank = Math.min(rank, !algorithm.startsWith('aws:kms') ? 0 : d?.KMSMasterKeyID === undefined ? 1 : 2);
    }
    return [rank];
  },
};

/** Two public access block configurations, block by block: false where either is, unknown where either is and neither is false. */
function weakerBlocks(a: unknown, b: unknown): unknown {
  if (isUnresolved(a) || isUnresolved(b) || !a || !b || typeof a !== 'object' || typeof b !== 'object') return UNRESOLVED;
  const out: Props = {};
  for (const k of ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets']) {
    const x = (a as Props)[k];
    const y = (b as Props)[k];
    out[k] = x === false || x === 'false' ? x : y === false || y === 'false' ? y : x === true && y === true ? true : isUnresolved(x) || x !== true ? x : y;
  }
  return out;
}

/** Split S3 resources: the bucket property each one states. */
const BUCKET_PARTS: Record<string, (p: Props) => [string, unknown][]> = {
  aws_s3_bucket_versioning: (p) => [['VersioningConfiguration', map(one(p.versioning_configuration), (v) => ({ Status: v.status }))]],
  aws_s3_bucket_object_lock_configuration: (p) => {
    const config = { ObjectLockEnabled: p.object_lock_enabled ?? 'Enabled', ...ruleOf(one(p.rule)) };
    return [['ObjectLockConfiguration', config], ['ObjectLockEnabled', isUnresolved(config.ObjectLockEnabled) ? UNRESOLVED : config.ObjectLockEnabled === 'Enabled' ? true : undefined]];
  },
  aws_s3_bucket_server_side_encryption_configuration: (p) => [['BucketEncryption', encryption(p)]],
  aws_s3_bucket_public_access_block: (p) => [['PublicAccessBlockConfiguration', {
    BlockPublicAcls: p.block_public_acls ?? false,
    BlockPublicPolicy: p.block_public_policy ?? false,
    IgnorePublicAcls: p.ignore_public_acls ?? false,
    RestrictPublicBuckets: p.restrict_public_buckets ?? false,
  }]],
  aws_s3_bucket_logging: (p) => [['LoggingConfiguration', { DestinationBucketName: p.target_bucket, LogFilePrefix: p.target_prefix }]],
  aws_s3_bucket_replication_configuration: (p) => [['ReplicationConfiguration', replication(p, 'rule')]],
};

const FLOW_LOG_TARGETS: readonly [string, string][] = [
  ['vpc_id', 'VPC'], ['subnet_id', 'Subnet'], ['eni_id', 'NetworkInterface'],
  ['transit_gateway_id', 'TransitGateway'], ['transit_gateway_attachment_id', 'TransitGatewayAttachment'],
];

/** A flow log's CloudFormation ResourceType and ResourceId: the first target attribute it states (a loop: no list per flow log). */
function flowLogTarget(p: Props): readonly [string | undefined, unknown] {
  for (const [attribute, type] of FLOW_LOG_TARGETS) if (p[attribute] !== undefined) return [type, p[attribute]];
  return NO_TARGET;
}
const NO_TARGET = [undefined, undefined] as const;

/** How a reference to an attribute of a type reads in CloudFormation: `Ref`, or `Fn::GetAtt` of the name given. */
const REF_ATTRIBUTES: Record<string, readonly string[]> = {
  aws_s3_bucket: ['id', 'bucket'],
  aws_cloudwatch_log_group: ['id', 'name'],
  aws_kms_key: ['id', 'key_id'],
  aws_kms_alias: ['id', 'name'],
  aws_config_configuration_recorder: ['id', 'name'],
  // CloudFormation's Ref of these is their ARN.
  aws_sagemaker_endpoint: ['id', 'arn'],
  aws_sagemaker_endpoint_configuration: ['id', 'arn'],
};
const ID_ONLY: readonly string[] = ['id'];

/** The attributes of a type a CloudFormation `Ref` stands for (`id` unless told otherwise). */
function refAttributes(type: string): readonly string[] {
  return REF_ATTRIBUTES[type] ?? ID_ONLY;
}

const GETATT_NAMES: Record<string, Record<string, string>> = {
  aws_s3_bucket: { arn: 'Arn', bucket_domain_name: 'DomainName', bucket_regional_domain_name: 'RegionalDomainName' },
  aws_sagemaker_endpoint: { name: 'EndpointName' },
  aws_sagemaker_endpoint_configuration: { name: 'EndpointConfigName' },
};

/** Whether any resource of a run is a hashicorp/aws resource the rules judge once translated. */
function translatable(r: Resource): boolean {
  return r.format !== 'cloudformation' && TRANSLATABLE.has(r.type);
}

const TRANSLATABLE: ReadonlySet<string> = new Set([...Object.keys(MAPPERS), ...Object.keys(BUCKET_PARTS), 'aws_guardduty_detector_feature', RECORDER_STATUS]);

/**
 * The resources of a run with every supported hashicorp/aws resource translated (see the module
 * comment). Returns the input itself when it holds none. `configurationOf` names the Terraform
 * configuration of a file (the *.tf.json files of one folder are one): references and split
 * resources find their targets there, never in another configuration.
 */
export function translateAwsTerraform(resources: readonly Resource[], configurationOf: (file: string) => string = (file) => file): readonly Resource[] {
  if (!resources.some(translatable)) return resources;
  const positions = new AddressPositions(resources, configurationOf);
  const values = new ValueConverter(resources, positions, configurationOf);
  // The run's resources, translated in place of the input's (a copy: the input's list is not changed).
  const out = resources.slice();
  // Whether each position holds a translated resource (no split one).
  const isMapped = new Uint8Array(resources.length);
  // The translations split resources merge into, per configuration and type, and the buckets per configuration and literal name, in input order.
  const candidates = new FileMap<Resource[]>();
  const names = new FileMap<Resource[]>();
  // The positions of the split resources, converted only when merged: nothing of theirs is kept while the others translate.
  const pending: number[] = [];

  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    if (!translatable(r)) continue;
    const mapper = MAPPERS[r.type];
    if (!mapper) {
      pending.push(i);
      continue;
    }
    const p = values.properties(r);
    const t = mapper(p, r);
    // Without a retention policy to add, the attributes are the input's, shared (nothing writes to them).
    let attributes = r.attributes;
    if (t.policy !== undefined) {
      attributes = copyOf(r.attributes);
      attributes.DeletionPolicy = attributes.UpdateReplacePolicy = t.policy;
    }
    const translated = resourceLike(r, t.type, compact(t.properties), attributes, 'cloudformation', new Origin(r.type, r.address));
    out[i] = translated;
    isMapped[i] = 1;
    if (t.type === 'AWS::S3::Bucket' || t.type === 'AWS::GuardDuty::Detector' || t.type === RECORDER) addParent(translated, configurationOf(translated.sourceFile), candidates, names);
  }

  // Merge the split resources into their parents: by reference, plan reference or literal name.
  // Per parent, the properties a split resource stated so far, as bits (partBit): no list per parent.
  const stated = new Map<Resource, number>();
  // Per parent, the split resource that first stated each property: named when another competes with it (dies with the translation).
  const statedBy = new Map<Resource, Map<string, string>>();
  // The aws_guardduty_detector_feature each merged feature comes from.
  const featureBy = new Map<Props, string>();
  const lookup: ParentLookup = {
    byAddress: (file, address) => {
      const i = positions.inConfiguration(configurationOf(file), address);
      return i !== undefined && isMapped[i] === 1 ? out[i] : undefined;
    },
    candidates: (file, type) => candidates.get(configurationOf(file), type) ?? [],
    bucketsNamed: (file, name) => names.get(configurationOf(file), name) ?? [],
  };
  for (const index of pending) {
    const raw = resources[index];
    const m = splitPart(raw, values.properties(raw));
    const parents = parentsOf(m.parentValue, raw, m.parentType, lookup);
    for (const parent of parents.found) {
      const props = parent.properties as Props;
      let own = stated.get(parent) ?? 0;
      for (const [prop, value] of m.parts) {
        if (value === undefined) continue;
        const bit = partBit(prop);
        const before = (own & bit) !== 0;
        if (!parents.exact) {
          // Named only through a value the engine cannot know: this setting of each candidate is unknown.
          if (!before && props[prop] === undefined) props[prop] = UNRESOLVED;
        } else if (prop === 'Features') {
          if (!isUnresolved(props.Features)) {
            // One feature configured twice: the detector has one state per feature, and the rules judge the weaker (featureStatus).
            const name = (value as Props).Name;
            const same = typeof name === 'string' ? ((props.Features as Props[] | undefined) ?? []).find((f) => f && f.Name === name) : undefined;
            if (same) (parent.translatedFrom as Origin).compete(`feature ${name}`, featureBy.get(same) ?? parent.address, raw.address, same, value, true);
            featureBy.set(value as Props, raw.address);
            props.Features = [...((props.Features as unknown[] | undefined) ?? []), value];
          }
        } else {
          // Two resources configuring one setting of one bucket (two split resources, or the bucket's
          // own inline block and a split resource): Terraform applies them in no set order and each
          // replaces the other, so the weakest is judged (UNRESOLVED when none is weaker in every respect).
          const prior = props[prop];
          const inline = !before && prior !== undefined && statesInline(parent, prop, raw.format === 'terraform-plan');
          if ((before || inline) && JSON.stringify(prior) !== JSON.stringify(value)) {
            const weakest = weakerSetting(prop, prior, value);
            props[prop] = weakest;
            const origin = parent.translatedFrom as Origin;
            origin.compete(prop, inline ? parent.address : (statedBy.get(parent)?.get(prop) ?? parent.address), raw.address, prior, value, !isUnresolved(weakest));
          } else props[prop] = value;
          if (!before) {
            let by = statedBy.get(parent);
            if (!by) statedBy.set(parent, (by = new Map()));
            by.set(prop, raw.address);
          }
        }
        own |= bit;
      }
      stated.set(parent, own);
      if (parents.exact) (parent.translatedFrom as Origin).add(raw.address);
    }
    const into = parents.exact && parents.found.length === 1 ? parents.found[0].address : undefined;
    const attributes = copyOf(raw.attributes);
    attributes[MERGED_INTO_ATTRIBUTE] = into;
    out[index] = resourceLike(raw, raw.type, raw.properties, attributes, raw.format, raw.translatedFrom);
  }
  // A recorder no aws_config_configuration_recorder_status turns on is not recording (the provider never starts it).
  for (const list of candidates.values()) {
    for (const t of list) if (t.type === RECORDER && t.properties.StartedOnCreate === undefined) (t.properties as Props).StartedOnCreate = false;
  }
  return out;
}

/** A bit per parent property split resources state, given in the order first seen (a handful; 31 at most). */
const PART_BITS = new Map<string, number>();

/** The bit of a parent property, given when first asked for. */
function partBit(prop: string): number {
  let bit = PART_BITS.get(prop);
  if (bit === undefined) {
    if (PART_BITS.size === 31) throw new Error(`more than 31 properties of split resources (${prop})`);
    PART_BITS.set(prop, (bit = 1 << PART_BITS.size));
  }
  return bit;
}

/** Records a translation split resources may merge into: by configuration and type, and a bucket by configuration and literal name. */
function addParent(t: Resource, configuration: string, candidates: FileMap<Resource[]>, names: FileMap<Resource[]>): void {
  addTo(candidates, configuration, t.type, t);
  if (typeof t.properties.BucketName === 'string') addTo(names, configuration, t.properties.BucketName, t);
}

/** Appends a translation to the list at the file and name, starting one where there is none. */
function addTo(map: FileMap<Resource[]>, file: string, name: string, t: Resource): void {
  const list = map.get(file, name);
  if (list) list.push(t);
  else map.set(file, name, [t]);
}

/** What a split resource states of its parent: the parent's properties, its type, and the value that names it. */
function splitPart(r: Resource, p: Props): { parts: [string, unknown][]; parentType: string; parentValue: unknown } {
  if (r.type === RECORDER_STATUS) return { parts: [['StartedOnCreate', p.is_enabled]], parentType: RECORDER, parentValue: p.name };
  if (r.type === 'aws_guardduty_detector_feature') {
    const feature = compact({ Name: p.name, Status: p.status, AdditionalConfiguration: list(p.additional_configuration, (a) => ({ Name: a.name, Status: a.status })) });
    return { parts: [['Features', feature]], parentType: 'AWS::GuardDuty::Detector', parentValue: p.detector_id };
  }
  return { parts: BUCKET_PARTS[r.type](p), parentType: 'AWS::S3::Bucket', parentValue: p.bucket };
}

/**
 * The input resources a translated resource stands for: its address and those merged into it. A
 * translation lives as long as the run, so this keeps only what differs per resource (the type's
 * names are read from the type; a single member's list is made when read, and dies young).
 */
class Origin implements TranslatedFrom {
  /** The members once something is merged in: the primary first. */
  private merged: string[] | undefined;

  constructor(
    public readonly type: string,
    private readonly primary: string,
  ) {}

  public get members(): readonly string[] {
    return this.merged ?? [this.primary];
  }

  public get names(): Readonly<Record<string, string>> | undefined {
    return TERRAFORM_NAMES[this.type];
  }

  /** The settings several input resources state, in no set order (see TranslatedFrom.competing). */
  public competing: Competition[] | undefined;

  /** Records that another input resource states a setting already stated, with its value and the earlier one's. */
  public compete(setting: string, earlier: string, later: string, earlierValue: unknown, laterValue: unknown, weakest: boolean): void {
    const list = (this.competing ??= []);
    let c = list.find((x) => x.setting === setting);
    if (!c) list.push((c = { setting, words: COMPETING_WORDS[setting] ?? [setting.startsWith('feature ') ? setting.slice(8) : setting], by: [earlier], values: [earlierValue], weakest }));
    const by = c.by as string[];
    if (!by.includes(later)) {
      by.push(later);
      (c.values as unknown[]).push(laterValue);
    }
    by.sort();
    (c as { weakest: boolean }).weakest = weakest;
  }

  /** Records an input resource merged into the translation. */
  public add(address: string): void {
    // concat of lists makes one of exactly its length (push would keep room for 16 more for as long as the run).
    this.merged = (this.merged ?? [this.primary]).concat([address]);
  }
}

/**
 * A copy of a resource with another type, properties, attributes, format and origin. Every field
 * is written out, not spread: `{ ...r, translatedFrom }` adds a key its source lacks, which V8
 * (Node 20) makes some twenty times slower (see copyOf). The type below fails to compile when
 * Resource gains a field this does not copy.
 */
function resourceLike(r: Resource, type: string, properties: Props, attributes: Props, format: Resource['format'], translatedFrom: Resource['translatedFrom']): Resource {
  const copy: { [K in keyof Required<Resource>]: Resource[K] } = {
    address: r.address,
    type,
    properties,
    attributes,
    sourceFile: r.sourceFile,
    format,
    cloud: r.cloud,
    constructPath: r.constructPath,
    suppressions: r.suppressions,
    translatedFrom,
  };
  return copy as Resource;
}

/**
 * The translated parents a split resource configures: exactly one (`exact`), none (it configures
 * a resource outside the input), or, when it names its parent only through a value the engine
 * cannot know, every candidate of its configuration (not exact: each gets the setting as UNRESOLVED).
 */
function parentsOf(value: unknown, raw: Resource, type: string, lookup: ParentLookup): { found: readonly Resource[]; exact: boolean } {
  const ref = refAddress(value);
  if (ref) {
    const p = lookup.byAddress(raw.sourceFile, ref);
    // A reference to anything else (a data source, another provider's bucket) configures nothing here.
    return { found: p?.type === type ? [p] : [], exact: true };
  }
  const candidates = lookup.candidates(raw.sourceFile, type);
  if (typeof value === 'string') {
    if (type === 'AWS::S3::Bucket') {
      const named = lookup.bucketsNamed(raw.sourceFile, value);
      if (named.length > 0) return { found: named, exact: named.length === 1 };
    }
    const refs = raw.attributes[PLAN_REFERENCES_ATTRIBUTE];
    if (Array.isArray(refs)) {
      const viaPlan = [...new Set(refs.map(String))].map((a) => lookup.byAddress(raw.sourceFile, a)).filter((p): p is Resource => p?.type === type);
      if (viaPlan.length === 1) return { found: viaPlan, exact: true };
    }
    // A recorder is named by its name (`default` unless told otherwise).
    if (type === RECORDER) {
      const named = candidates.filter((p) => p.properties.Name === value);
      if (named.length > 0) return { found: named, exact: named.length === 1 };
      return { found: candidates.filter((p) => typeof p.properties.Name !== 'string'), exact: false };
    }
    // A detector is named by its generated id: in a file with one detector, that is the one.
    if (type !== 'AWS::S3::Bucket') return { found: candidates, exact: candidates.length === 1 };
    // A literal name no bucket of the file has: a bucket outside the input.
    const unnamed = candidates.filter((p) => p.properties.BucketName === undefined || isUnresolved(p.properties.BucketName) || typeof p.properties.BucketName === 'object');
    return { found: unnamed, exact: false };
  }
  return { found: candidates, exact: false };
}

/** Values by file and then by a name (an address, a type, a bucket name), in the order set. */
class FileMap<V> {
  private readonly files = new Map<string, Map<string, V>>();
  private readonly all: V[] = [];

  public get(file: string, name: string): V | undefined {
    return this.files.get(file)?.get(name);
  }

  public set(file: string, name: string, value: V): void {
    let inFile = this.files.get(file);
    if (!inFile) this.files.set(file, (inFile = new Map()));
    if (!inFile.has(name)) this.all.push(value);
    else this.all[this.all.indexOf(inFile.get(name)!)] = value;
    inFile.set(name, value);
  }

  /** Every value, in the order its file and name were first set. */
  public values(): readonly V[] {
    return this.all;
  }
}

/**
 * Per configuration, the position in the run's resources of the resource at each address (the last
 * one, as ResourceModel keeps it). The input's own Terraform resources only: what a reference in the
 * same configuration names, found without building a model of the run.
 *
 * A table of positions in a typed array (open addressing), not Maps: the first look-up of a fresh
 * address string in Maps of 20,000 addresses costs ~0.7 µs (their ~1 MB of tables and the keys
 * are cold by then); a probe of 4-byte slots and one comparison with the resource found costs
 * about half, and building it allocates no Map tables.
 */
class AddressPositions {
  /** Per slot the position + 1 of a resource, 0 where empty; never more than half full. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** The configuration of each resource, by position. */
  private readonly units: string[];

  constructor(
    private readonly resources: readonly Resource[],
    configurationOf: (file: string) => string,
  ) {
    let size = 16;
    while (size < resources.length * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    this.units = resources.map((r) => configurationOf(r.sourceFile));
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i];
      if (r.format !== 'cloudformation') this.slots[this.slotOf(this.units[i], r.address)] = i + 1;
    }
  }

  /** The position of the resource at `address` in `configuration`, if it has one. */
  public inConfiguration(configuration: string, address: string): number | undefined {
    const at = this.slots[this.slotOf(configuration, address)];
    return at === 0 ? undefined : at - 1;
  }

  /** The slot of the address in the configuration: the one that holds it, else the empty one it would take (linear probing). */
  private slotOf(configuration: string, address: string): number {
    for (let slot = hashOf(address) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = this.slots[slot];
      if (at === 0) return slot;
      if (this.resources[at - 1].address === address && this.units[at - 1] === configuration) return slot;
    }
  }
}

/** FNV-1a over a string's UTF-16 code units (32 bits, signed). */
function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Translated resources by file and address, and the parents of a type in a file. */
interface ParentLookup {
  byAddress(file: string, address: string): Resource | undefined;
  candidates(file: string, type: string): readonly Resource[];
  bucketsNamed(file: string, name: string): readonly Resource[];
}

function refAddress(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Props;
  if (typeof v.Ref === 'string') return v.Ref;
  const att = v['Fn::GetAtt'];
  return Array.isArray(att) && typeof att[0] === 'string' ? att[0] : undefined;
}

/**
 * Terraform values as CloudFormation values: references become intrinsics, everything only the
 * apply knows becomes UNRESOLVED, `dynamic` blocks become UNRESOLVED blocks.
 */
class ValueConverter {
  /** Per plan file: the known `id` / `arn` values of its resources, for plans that state them literally. */
  private readonly knownIds = new Map<string, Map<string, { address: string; attr: string; type: string }>>();

  /** The model of the input's Terraform resources, built only for a look-up beyond the same file or a value to resolve. */
  private model: ResourceModel | undefined;

  constructor(
    private readonly resources: readonly Resource[],
    private readonly positions: AddressPositions,
    private readonly configurationOf: (file: string) => string,
  ) {
    for (const r of resources) {
      if (r.format !== 'terraform-plan') continue;
      let ids = this.knownIds.get(r.sourceFile);
      if (!ids) this.knownIds.set(r.sourceFile, (ids = new Map()));
      for (const attr of ['id', 'arn']) {
        const v = r.properties[attr];
        if (typeof v === 'string' && v.length > 0 && !v.startsWith('${')) ids.set(v, { address: r.address, attr, type: r.type });
      }
    }
  }

  /** The resource's properties converted; in a plan, values the configuration does not state and the provider computes are absent. */
  public properties(r: Resource): Props {
    let source = r.properties;
    const policy = source.policy;
    // A JSON policy written as text: parse it first, so the references in its strings convert one by one.
    if (POLICY_TYPES.has(r.type) && typeof policy === 'string' && policy.trimStart().startsWith('{')) {
      try {
        source = { ...source, policy: JSON.parse(policy) as unknown };
      } catch {
        source = { ...source, policy: UNRESOLVED };
      }
    }
    // A role's trust policy, likewise.
    const trust = source.assume_role_policy;
    if (r.type === 'aws_iam_role' && typeof trust === 'string' && trust.trimStart().startsWith('{')) {
      try {
        source = { ...source, assume_role_policy: JSON.parse(trust) as unknown };
      } catch {
        source = { ...source, assume_role_policy: UNRESOLVED };
      }
    }
    let converted = this.value(source, r, 0) as Props;
    const configured = r.attributes[CONFIGURED_KEYS_ATTRIBUTE];
    if (r.format === 'terraform-plan' && Array.isArray(configured)) {
      // Never delete from the input's own object.
      if (converted === r.properties) converted = { ...converted };
      for (const k of Object.keys(converted)) if (!configured.includes(k) && containsUnresolved(converted[k], 0)) delete converted[k];
    }
    return converted;
  }

  /** Copy on write: a list or block in which nothing converts is returned as it is, not rebuilt. */
  private value(v: unknown, from: Resource, depth: number): unknown {
    if (depth > 32) return UNRESOLVED;
    if (typeof v === 'string') return this.text(v, from);
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      let list: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const x = this.value(v[i], from, depth + 1);
        if (list === undefined && x !== v[i]) list = v.slice(0, i);
        if (list !== undefined) list.push(x);
      }
      return list ?? v;
    }
    // A `dynamic` block is UNRESOLVED where it stands already (the Terraform JSON loader marks it); its entry goes.
    const obj = v as Props;
    let out: Props | undefined;
    for (const k in obj) {
      const x = k === 'dynamic' ? undefined : this.value(obj[k], from, depth + 1);
      if (out === undefined && (k === 'dynamic' || x !== obj[k])) {
        out = {};
        for (const prior in obj) {
          if (prior === k) break;
          if (prior !== 'dynamic') out[prior] = obj[prior];
        }
      }
      if (out !== undefined && k !== 'dynamic') out[k] = x;
    }
    return out ?? obj;
  }

  private text(s: string, from: Resource): unknown {
    if (from.format === 'terraform-plan') {
      // A plan's values are final; only references the loader put back for unknowns are expressions.
      const m = /^\$\{([^{}"]+)\}$/.exec(s);
      if (m) return this.expression(m[1], from) ?? UNRESOLVED;
      const known = this.knownIds.get(from.sourceFile)?.get(s);
      const refs = from.attributes[PLAN_REFERENCES_ATTRIBUTE];
      if (known && known.address !== from.address && Array.isArray(refs) && refs.some((a) => a === known.address || String(a).replace(/\[[^\]]*\]/g, '') === known.address.replace(/\[[^\]]*\]/g, ''))) {
        return reference(known.type, known.address, known.attr);
      }
      return s;
    }
    // One scan for the commonest string, plain text.
    if (s.indexOf('{') < 0 || (s.indexOf('${') < 0 && s.indexOf('%{') < 0)) return s;
    // The commonest, a whole-string `${type.name.attr}`: read in place, without slicing out the expression.
    const end = s.length - 1;
    const dot = s.charCodeAt(0) === DOLLAR && s.charCodeAt(1) === OPEN && s.charCodeAt(end) === CLOSE ? plainReferenceSplit(s, 2, end) : -1;
    if (dot > 0) return this.reference(s, s.slice(2, dot), undefined, attrName(s, dot + 1, end), from);
    // Any other whole-string reference, without a template object.
    const whole = wholeInterpolation(s);
    if (whole !== undefined) return this.expression(whole, from) ?? UNRESOLVED;
    const tpl = scanTfTemplate(s);
    if (tpl.directive) return UNRESOLVED;
    const pieces: unknown[] = [];
    for (const part of tpl.parts) {
      if (typeof part === 'string') {
        if (part) pieces.push(part);
        continue;
      }
      const v = this.expression(part.expr, from);
      if (v === undefined || isUnresolved(v)) return UNRESOLVED;
      pieces.push(v);
    }
    if (pieces.length === 0) return '';
    if (pieces.length === 1) return pieces[0];
    if (pieces.every((p) => typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean')) return pieces.join('');
    // A copy at its length: a list pushed to keeps room for 16 more, and a translation lives as long as the run.
    return { 'Fn::Join': ['', pieces.slice()] };
  }

  /** One `${...}` expression: a reference to a resource of the input, a literal, or UNRESOLVED. */
  private expression(expr: string, from: Resource): unknown {
    const e = expr.trim();
    const dot = plainReferenceSplit(e, 0, e.length);
    if (dot > 0) return this.reference(`\${${e}}`, e.slice(0, dot), undefined, attrName(e, dot + 1, e.length), from);
    const m = /^((?:module\.[A-Za-z0-9_-]+(?:\[[^\]]*\])?\.)*[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*)(\[[^\]]*\])?\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(e);
    if (m && !/^(var|local|each|count|path|terraform|self|data)\./.test(m[1])) {
      const token = tfAddressTokens(`${m[1]}${m[2] ?? ''}`)[0];
      return this.reference(`\${${e}}`, m[1], token?.instance ? token.address + token.instance : undefined, m[3], from);
    }
    return this.literal(`\${${e}}`, from);
  }

  /**
   * `address.attr` (`instance`: the address with its instance key, tried first) as a reference, a
   * literal or UNRESOLVED; `interpolation` is the expression as written, `${address.attr}`.
   */
  private reference(interpolation: string, address: string, instance: string | undefined, attr: string, from: Resource): unknown {
    const target = (instance !== undefined ? this.byAddress(instance, from) : undefined) ?? this.byAddress(address, from);
    if (!target) return this.literal(interpolation, from);
    // A literal the input states (a bucket's `bucket`) reads as itself when it is not an identity.
    const identity = refAttributes(target.type).includes(attr) || attr === 'arn' || (GETATT_NAMES[target.type]?.[attr] !== undefined);
    if (identity) return reference(target.type, target.address, attr);
    const literal = this.raw().resolve(interpolation, from);
    return isUnresolved(literal) ? { 'Fn::GetAtt': [target.address, attr] } : literal;
  }

  /** ResourceModel.byAddress: the configuration's resource at the address, else the model's answer (instance aliases). */
  private byAddress(address: string, from: Resource): Resource | undefined {
    const i = this.positions.inConfiguration(this.configurationOf(from.sourceFile), address);
    return i !== undefined ? this.resources[i] : this.raw().byAddress(address, from);
  }

  /** Addresses and values only: the model of the run indexes references once, after translation. */
  private raw(): ResourceModel {
    if (this.model) return this.model;
    const resources = this.resources.filter((r) => r.format !== 'cloudformation');
    const files = new Map(resources.map((r) => [r.sourceFile, r.format]));
    const inputs = [...files].map(([file, format]) => ({ file, format, moduleCalls: [], configuration: this.configurationOf(file) }));
    return (this.model = new ResourceModel(resources, [], new Map(), { referrers: false, inputs }));
  }

  /** An expression (`${...}`) that names no resource of the input: what the raw model resolves it to, else UNRESOLVED. */
  private literal(interpolation: string, from: Resource): unknown {
    const literal = this.raw().resolve(interpolation, from);
    return literal === undefined ? UNRESOLVED : literal;
  }
}

/** Names that begin an expression but no resource address (`var.x`, `module.m.out`: those take the general path). */
const NOT_A_RESOURCE = new Set(['var', 'local', 'each', 'count', 'path', 'terraform', 'self', 'data', 'module']);

/**
 * For the commonest expression, `type.name.attr` (`aws_s3_bucket.b.arn`), as e[start, end): the
 * index of the dot before `attr`, tested a character at a time; -1 for any other shape (module
 * paths, instance keys, functions), which the regex of `expression` reads.
 */
function plainReferenceSplit(e: string, start: number, end: number): number {
  const first = e.indexOf('.', start);
  const second = first < 0 ? -1 : e.indexOf('.', first + 1);
  if (second < 0 || second >= end) return -1;
  const third = e.indexOf('.', second + 1);
  if (third >= 0 && third < end) return -1;
  // type: [a-z][a-z0-9_]*, name: [A-Za-z_][A-Za-z0-9_-]*, attr: [A-Za-z_][A-Za-z0-9_]*.
  if (!(charClass(e, start) & LOWER) || !allOf(e, start + 1, first, TYPE_CHAR)) return -1;
  if (!(charClass(e, first + 1) & NAME_START) || !allOf(e, first + 2, second, NAME_CHAR)) return -1;
  if (second + 1 >= end || !(charClass(e, second + 1) & NAME_START) || !allOf(e, second + 2, end, ATTR_CHAR)) return -1;
  // No reserved name has an underscore (nearly every resource type has one): those skip the slice and look-up.
  const underscore = e.indexOf('_', start);
  if (underscore >= 0 && underscore < first) return second;
  return NOT_A_RESOURCE.has(e.slice(start, first)) ? -1 : second;
}

/** The attribute name s[from, to); the commonest two without a new string each time. */
function attrName(s: string, from: number, to: number): string {
  if (to - from === 2 && s.startsWith('id', from)) return 'id';
  if (to - from === 3 && s.startsWith('arn', from)) return 'arn';
  return s.slice(from, to);
}

// The characters of a whole-string interpolation, `${...}`.
const DOLLAR = 36;
const OPEN = 123;
const CLOSE = 125;

/** Whether every character of s[from, to) is of the class. */
function allOf(s: string, from: number, to: number, cls: number): boolean {
  for (let i = from; i < to; i++) if (!(charClass(s, i) & cls)) return false;
  return true;
}

// Character classes of the ASCII characters of an address, as bits (one table look-up per character).
const LOWER = 1;
const NAME_START = 2;
const TYPE_CHAR = 4;
const ATTR_CHAR = 8;
const NAME_CHAR = 16;
const CHAR_CLASSES = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const lower = c >= 97 && c <= 122;
  const upper = c >= 65 && c <= 90;
  const digit = c >= 48 && c <= 57;
  const underscore = c === 95;
  CHAR_CLASSES[c] = (lower ? LOWER : 0) | (lower || upper || underscore ? NAME_START : 0) | (lower || digit || underscore ? TYPE_CHAR : 0)
    | (lower || upper || digit || underscore ? ATTR_CHAR | NAME_CHAR : 0) | (c === 45 ? NAME_CHAR : 0);
}

function charClass(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 128 ? CHAR_CLASSES[c] : 0;
}

// The pseudo parameters of a log group's Arn: one object each for every Arn (values are never written to).
const PARTITION = { Ref: 'AWS::Partition' };
const REGION = { Ref: 'AWS::Region' };
const ACCOUNT_ID = { Ref: 'AWS::AccountId' };

/** The CloudFormation intrinsic for a reference to `attr` of the resource at `address`. */
function reference(type: string, address: string, attr: string): unknown {
  if (refAttributes(type).includes(attr)) return { Ref: address };
  // CloudFormation's log group Arn ends in `:*`; Terraform's does not.
  if (type === 'aws_cloudwatch_log_group' && attr === 'arn') {
    return { 'Fn::Join': ['', ['arn:', PARTITION, ':logs:', REGION, ':', ACCOUNT_ID, ':log-group:', { Ref: address }]] };
  }
  return { 'Fn::GetAtt': [address, GETATT_NAMES[type]?.[attr] ?? (attr === 'arn' ? 'Arn' : attr)] };
}

function containsUnresolved(v: unknown, depth: number): boolean {
  if (isUnresolved(v)) return true;
  if (depth > 16 || v === null || typeof v !== 'object') return false;
  return Object.values(v as Props).some((x) => containsUnresolved(x, depth + 1));
}

// --- Block helpers: Terraform writes a nested block as an object or a list of objects. ---

/** The single block of a value: undefined when absent, UNRESOLVED when unknown or several. */
function one(v: unknown): Props | typeof UNRESOLVED | undefined {
  if (isUnresolved(v)) return UNRESOLVED;
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined;
    if (v.length > 1) return UNRESOLVED;
    return one(v[0]);
  }
  return typeof v === 'object' ? (v as Props) : UNRESOLVED;
}

/** Map a block, keeping absent and UNRESOLVED as they are. */
function map<T>(block: Props | typeof UNRESOLVED | undefined, f: (b: Props) => T): T | typeof UNRESOLVED | undefined {
  if (block === undefined || isUnresolved(block)) return block;
  return f(block);
}

/** Map repeated blocks: undefined when there are none, UNRESOLVED when unknown. */
function list<T>(v: unknown, f: (b: Props) => T): T[] | typeof UNRESOLVED | undefined {
  if (isUnresolved(v)) return UNRESOLVED;
  if (v === undefined || v === null) return undefined;
  const items = Array.isArray(v) ? v : [v];
  if (items.length === 0) return undefined;
  for (const item of items) {
    if (isUnresolved(item)) return UNRESOLVED;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) return UNRESOLVED;
  }
  // map makes a list of exactly its length (one pushed to keeps room for 16 more, and a translation lives as long as the run).
  return items.map((item) => f(item as Props));
}

function get(block: Props | typeof UNRESOLVED | undefined, k: string): unknown {
  if (block === undefined) return undefined;
  if (isUnresolved(block)) return UNRESOLVED;
  return block[k];
}

function ruleOf(rule: Props | typeof UNRESOLVED | undefined): Props {
  if (rule === undefined) return {};
  if (isUnresolved(rule)) return { Rule: UNRESOLVED };
  const d = one(rule.default_retention);
  return { Rule: { DefaultRetention: map(d, (r) => ({ Mode: r.mode, Days: r.days, Years: r.years })) } };
}

function lockConfiguration(legacy: Props | typeof UNRESOLVED | undefined): unknown {
  return map(legacy, (c) => ({ ObjectLockEnabled: c.object_lock_enabled, ...ruleOf(one(c.rule)) }));
}

function encryption(c: Props | typeof UNRESOLVED | undefined): unknown {
  return map(c, (b) => ({
    ServerSideEncryptionConfiguration: list(b.rule, (r) => ({
      ServerSideEncryptionByDefault: map(one(r.apply_server_side_encryption_by_default), (d) => ({ SSEAlgorithm: d.sse_algorithm, KMSMasterKeyID: d.kms_master_key_id })),
      BucketKeyEnabled: r.bucket_key_enabled,
    })),
  }));
}

function replication(c: Props | typeof UNRESOLVED | undefined, rules: string): unknown {
  return map(c, (b) => ({
    Role: b.role,
    Rules: list(b[rules], (r) => ({
      Id: r.id,
      Status: r.status,
      Prefix: r.prefix,
      // The V2 filter: exactly one of prefix, tag and and (hashicorp/aws, aws_s3_bucket_replication_configuration).
      Filter: map(one(r.filter), (f) => ({ Prefix: f.prefix, TagFilter: map(one(f.tag), (t) => ({ Key: t.key, Value: t.value })), And: map(one(f.and), (a) => ({ Prefix: a.prefix, Tags: a.tags })) })),
      Destination: map(one(r.destination), (d) => ({ Bucket: d.bucket, StorageClass: d.storage_class })),
    })),
  }));
}

function loadBalancerV2(p: Props): Translated {
  const attributes: unknown[] = [];
  let unknown = false;
  for (const [block, prefix] of [['access_logs', 'access_logs.s3'], ['connection_logs', 'connection_logs.s3']] as const) {
    const b = one(p[block]);
    if (isUnresolved(b)) unknown = true;
    if (b === undefined || isUnresolved(b)) continue;
    attributes.push({ Key: `${prefix}.enabled`, Value: b.enabled ?? false }, { Key: `${prefix}.bucket`, Value: b.bucket });
    if (b.prefix !== undefined) attributes.push({ Key: `${prefix}.prefix`, Value: b.prefix });
  }
  return { type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', properties: { Name: p.name, LoadBalancerAttributes: unknown ? UNRESOLVED : attributes.length > 0 ? attributes : undefined } };
}

/** `tags_all` (a plan's, with the provider's default tags) or `tags`, as CloudFormation Tags. */
function tags(p: Props): unknown {
  const t = p.tags_all ?? p.tags;
  if (t === undefined || t === null) return undefined;
  if (isUnresolved(t) || typeof t !== 'object' || Array.isArray(t)) return UNRESOLVED;
  return Object.entries(t as Props).map(([Key, Value]) => ({ Key, Value }));
}

/**
 * The policy argument of an aws_s3_bucket, as a document: absent when empty, and in a plan unless
 * its configuration states it (the provider reads the bucket's current policy into it, whoever set it).
 */
function inlinePolicy(v: unknown, raw: Resource): unknown {
  if (v === undefined || v === null || v === '') return undefined;
  const configured = raw.attributes[CONFIGURED_KEYS_ATTRIBUTE];
  if (raw.format === 'terraform-plan' && !(Array.isArray(configured) && configured.includes('policy'))) return undefined;
  return policyDocument(v);
}

/** A JSON policy string as a document; its strings keep their (already converted) references. */
function policyDocument(v: unknown): unknown {
  if (v === undefined || isUnresolved(v)) return v;
  // Parsed by the converter; anything else (`${jsonencode(...)}`, a data source's json) only the apply knows.
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return UNRESOLVED;
  // An intrinsic here is a whole policy only the apply knows (a plan's unknown, filled with a reference).
  return Object.keys(v).some((k) => k === 'Ref' || k.startsWith('Fn::')) ? UNRESOLVED : v;
}

/**
 * What Terraform does to the resource on destroy: Retain with `lifecycle.prevent_destroy`,
 * Delete otherwise or with `force_destroy`; UNRESOLVED where the input does not record lifecycle.
 */
function retention(raw: Resource, forceDestroy: unknown): unknown {
  if (forceDestroy === true) return 'Delete';
  // A plan that destroys it shows it has no prevent_destroy; any other plan does not record lifecycle.
  if (planDestroys(raw)) return 'Delete';
  if (raw.format === 'terraform-plan') return UNRESOLVED;
  const lifecycle = one(raw.attributes.lifecycle);
  const prevent = get(lifecycle, 'prevent_destroy');
  if (isUnresolved(prevent) || isUnresolved(forceDestroy)) return UNRESOLVED;
  if (prevent === true) return 'Retain';
  if (typeof prevent === 'string' && prevent.includes('${')) return UNRESOLVED;
  return 'Delete';
}

/**
 * A shallow copy of a plain object, key by key, to add keys to: V8 (Node 20) makes a spread
 * followed by a key its source lacks (`{ ...o, k: v }`) some twenty times slower.
 */
function copyOf(o: Props): Props {
  const out: Props = {};
  for (const k in o) out[k] = o[k];
  return out;
}

/** Drop absent properties, as a template that does not state them. */
function compact(p: Props): Props {
  const out: Props = {};
  for (const k in p) if (p[k] !== undefined) out[k] = p[k];
  return out;
}
