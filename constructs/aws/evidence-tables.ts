/**
 * The evidence tables of the InvestigationPack: the columns, formats and partition projection of
 * each kind of evidence file, as AWS documents them for Athena.
 */

/** The columns of the CloudTrail table, as AWS documents them for Athena. */
export const CLOUDTRAIL_COLUMNS: ReadonlyArray<[string, string]> = [
  ['eventversion', 'string'],
  [
    'useridentity',
    'struct<type:string,principalid:string,arn:string,accountid:string,invokedby:string,accesskeyid:string,username:string,onbehalfof:struct<userid:string,identitystorearn:string>,sessioncontext:struct<attributes:struct<mfaauthenticated:string,creationdate:string>,sessionissuer:struct<type:string,principalid:string,arn:string,accountid:string,username:string>,ec2roledelivery:string,webidfederationdata:struct<federatedprovider:string,attributes:map<string,string>>,sourceidentity:string>>',
  ],
  ['eventtime', 'string'],
  ['eventsource', 'string'],
  ['eventname', 'string'],
  ['awsregion', 'string'],
  ['sourceipaddress', 'string'],
  ['useragent', 'string'],
  ['errorcode', 'string'],
  ['errormessage', 'string'],
  ['requestparameters', 'string'],
  ['responseelements', 'string'],
  ['additionaleventdata', 'string'],
  ['requestid', 'string'],
  ['eventid', 'string'],
  ['resources', 'array<struct<arn:string,accountid:string,type:string>>'],
  ['eventtype', 'string'],
  ['apiversion', 'string'],
  ['readonly', 'string'],
  ['recipientaccountid', 'string'],
  ['serviceeventdetails', 'string'],
  ['sharedeventid', 'string'],
  ['vpcendpointid', 'string'],
  ['vpcendpointaccountid', 'string'],
  ['eventcategory', 'string'],
  ['addendum', 'struct<reason:string,updatedfields:string,originalrequestid:string,originaleventid:string>'],
  ['sessioncredentialfromconsole', 'string'],
  ['edgedevicedetails', 'string'],
  ['tlsdetails', 'struct<tlsversion:string,ciphersuite:string,clientprovidedhostheader:string>'],
];

/** The name of the CloudTrail table the AWS queries read. */
export const CLOUDTRAIL_TABLE = 'cloudtrail_logs';
/** The name of the VPC flow-log table. */
export const FLOW_LOG_TABLE = 'vpc_flow_logs';
/** The name of the Route 53 Resolver query-log table. */
export const RESOLVER_TABLE = 'resolver_query_logs';

/** The Parquet columns of the flow-log fields, with the types AWS documents for Athena. */
export const FLOW_LOG_COLUMNS: ReadonlyArray<[string, string]> = [
  ['version', 'int'], ['account_id', 'string'], ['interface_id', 'string'], ['srcaddr', 'string'], ['dstaddr', 'string'], ['srcport', 'int'], ['dstport', 'int'],
  ['protocol', 'bigint'], ['packets', 'bigint'], ['bytes', 'bigint'], ['start', 'bigint'], ['end', 'bigint'], ['action', 'string'], ['log_status', 'string'],
  ['vpc_id', 'string'], ['subnet_id', 'string'], ['instance_id', 'string'], ['tcp_flags', 'int'], ['type', 'string'], ['pkt_srcaddr', 'string'], ['pkt_dstaddr', 'string'],
  ['region', 'string'], ['az_id', 'string'], ['sublocation_type', 'string'], ['sublocation_id', 'string'], ['pkt_src_aws_service', 'string'], ['pkt_dst_aws_service', 'string'],
  ['flow_direction', 'string'], ['traffic_path', 'int'],
];

/** The fields of a Resolver query log record (JSON lines). */
export const RESOLVER_COLUMNS: ReadonlyArray<[string, string]> = [
  ['version', 'string'], ['account_id', 'string'], ['region', 'string'], ['vpc_id', 'string'], ['query_timestamp', 'string'], ['query_name', 'string'],
  ['query_type', 'string'], ['query_class', 'string'], ['rcode', 'string'], ['answers', 'array<struct<rdata:string,type:string,class:string>>'],
  ['srcaddr', 'string'], ['srcport', 'string'], ['transport', 'string'], ['srcids', 'struct<instance:string,resolver_endpoint:string>'],
];

/** How each kind of evidence file is read: input and output format, SerDe. */
export const STORAGE_FORMATS = {
  cloudtrail: {
    inputFormat: 'com.amazon.emr.cloudtrail.CloudTrailInputFormat',
    outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
    serdeInfo: { serializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe' },
  },
  parquet: {
    inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
    outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
    serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
  },
  json: {
    inputFormat: 'org.apache.hadoop.mapred.TextInputFormat',
    outputFormat: 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat',
    serdeInfo: { serializationLibrary: 'org.openx.data.jsonserde.JsonSerDe' },
  },
} as const;

/** One table of the pack. */
export interface TableSpec {
  readonly id: string;
  readonly databaseName: string;
  readonly name: string;
  readonly description: string;
  readonly format: keyof typeof STORAGE_FORMATS;
  readonly root: string;
  readonly partitions: readonly string[];
  /** Partition projection settings, without the `projection.` prefix. */
  readonly projection: Record<string, string>;
  readonly template: string;
  readonly columns: ReadonlyArray<[string, string]>;
}

/** A partition projected from a list of values (accounts, regions). */
export function enumProjection(name: string, values: readonly string[]): Record<string, string> {
  return { [`${name}.type`]: 'enum', [`${name}.values`]: values.join(',') };
}

/** A partition of days as `yyyy/MM/dd`, from `since` to today. */
export function dayProjection(name: string, since: string): Record<string, string> {
  return { [`${name}.type`]: 'date', [`${name}.format`]: 'yyyy/MM/dd', [`${name}.range`]: `${since},NOW`, [`${name}.interval`]: '1', [`${name}.interval.unit`]: 'DAYS' };
}

/** The name of the SageMaker data capture table. */
export const DATA_CAPTURE_TABLE = 'sagemaker_data_capture';

/** The fields of a data capture record (JSON lines), lower-cased as the JSON SerDe reads them. */
export const DATA_CAPTURE_COLUMNS: ReadonlyArray<[string, string]> = [
  [
    'capturedata',
    'struct<endpointinput:struct<observedcontenttype:string,mode:string,data:string,encoding:string>,endpointoutput:struct<observedcontenttype:string,mode:string,data:string,encoding:string>>',
  ],
  ['eventmetadata', 'struct<eventid:string,inferenceid:string,inferencetime:string>'],
  ['eventversion', 'string'],
];

/** A partition of hours as `yyyy/MM/dd/HH` (data capture's folders), from the first hour of `since` to now. */
export function hourProjection(name: string, since: string): Record<string, string> {
  return { [`${name}.type`]: 'date', [`${name}.format`]: 'yyyy/MM/dd/HH', [`${name}.range`]: `${since}/00,NOW`, [`${name}.interval`]: '1', [`${name}.interval.unit`]: 'HOURS' };
}
