import { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset';
import { BigqueryRoutine } from '@cdktf/provider-google/lib/bigquery-routine';
import { LoggingLinkedDataset } from '@cdktf/provider-google/lib/logging-linked-dataset';
import { LoggingProjectBucketConfig } from '@cdktf/provider-google/lib/logging-project-bucket-config';
import { Construct } from 'constructs';
import { propCheck } from '../cdktf/props';
import { deployedQueryName, PropCheck, PropKeys, queryFile, question, QuestionId, QUESTIONS, questionsWithQueries } from '../core';
import { gcpLabels, inform } from './annotations';
import { LogSink } from './log-sink';

/** The props of a GCP InvestigationPack: the log bucket it queries and the names of what it creates. */
export interface InvestigationPackProps {
  /** The kit's LogSink whose log bucket holds the logs (its Log Analytics must be on). Give this or `logBucket`. @default - `logBucket` */
  readonly logSink?: LogSink;
  /** A Cloud Logging bucket made elsewhere, with `enable_analytics` on. @default - the `logSink`'s log bucket */
  readonly logBucket?: LoggingProjectBucketConfig;
  /** The id of the BigQuery dataset linked to the log bucket (letters, digits, underscores; at most 100). @default 'forensic_logs' */
  readonly linkId?: string;
  /** The id of the dataset that holds the table functions (letters, digits, underscores; at most 1024). @default 'forensic_investigation' */
  readonly datasetId?: string;
  /**
   * The BigQuery location of the table functions' dataset: a query reads only datasets of one
   * location, so it is the linked dataset's, which is the log bucket's region.
   * @default - the log bucket's location; required when the log bucket is `global` (BigQuery has no global location)
   */
  readonly location?: string;
  /** The questions deployed, by id (each must have a GCP query). @default - every question of the catalog with a GCP query */
  readonly questions?: QuestionId[];
  /** Labels added to the dataset. @default - the kit's labels only */
  readonly tags?: Record<string, string>;
}

/** The props InvestigationPackProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const INVESTIGATION_PACK_PROPS_KEYS = { logSink: true, logBucket: true, linkId: true, datasetId: true, location: true, questions: true, tags: true } as const satisfies PropKeys<InvestigationPackProps>;

/** The BigQuery type of each header type. */
const ARGUMENT_TYPES = ['STRING', 'TIMESTAMP'] as const;

/** One argument of a table function, as a query file's header declares it. */
export interface TableFunctionArgument {
  /** The argument name, as the query body reads it (`endpointName`, `from_time`). */
  readonly name: string;
  /** Its BigQuery type (`STRING`, `TIMESTAMP`). */
  readonly type: (typeof ARGUMENT_TYPES)[number];
}

/**
 * The table-function arguments a GCP query file declares in its header
 * (`-- Parameters, in order: endpointName STRING, from_time TIMESTAMP, to_time TIMESTAMP`).
 * A file without that line, or with another type, is a packaging error naming the file.
 */
export function tableFunctionArguments(id: QuestionId, text: string): TableFunctionArgument[] {
  const line = /^-- Parameters, in order: (.+)$/m.exec(text)?.[1];
  const file = `queries/gcp/${id}.sql`;
  if (line === undefined) throw new Error(`forensic-readiness-kit: ${file} has no "-- Parameters, in order:" header line`);
  return line.split(',').map((part) => {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*) (STRING|TIMESTAMP)\s*$/.exec(part);
    if (!m) throw new Error(`forensic-readiness-kit: ${file} declares a parameter "${part.trim()}"; expected "<name> STRING" or "<name> TIMESTAMP"`);
    return { name: m[1], type: m[2] as TableFunctionArgument['type'] };
  });
}

/** The logs a query reads (`'cloudaudit.googleapis.com/data_access'`), URL-encoded as a sink filter names them; a prefix (`cloudaudit.googleapis.com/`) is not listed. */
function logsOf(text: string): string[] {
  const body = text.replace(/^--.*$/gm, '');
  return [...new Set([...body.matchAll(/'([a-z]+\.googleapis\.com)\/([a-z_]+)'/g)].map((m) => `${m[1]}%2F${m[2]}`))];
}

const LINK_ID = { pattern: /^[A-Za-z0-9_]{1,100}$/, expected: 'a linked dataset id of letters, digits and underscores, at most 100 characters' };
const DATASET_ID = { pattern: /^[A-Za-z0-9_]{1,1024}$/, expected: 'a BigQuery dataset id of letters, digits and underscores, at most 1024 characters' };
const LOCATION = { pattern: /^[A-Za-z0-9-]{2,40}$/, expected: 'a BigQuery location such as us-central1, US or EU' };

/**
 * The BigQuery half of an investigation: a dataset linked to the kit's log bucket (Log Analytics,
 * read-only: BigQuery reads the entries in place, nothing is copied, nothing can be written or
 * deleted through it) and, beside it, a dataset of one table function per question of the catalog
 * that has a GCP query (`SELECT * FROM forensic_investigation.endpoint_callers('123', TIMESTAMP
 * '2026-11-30', TIMESTAMP '2026-12-01')`). The functions are the files under queries/gcp/, byte
 * for byte, with `{{dataset}}` replaced by `<project>.<link id>`; their arguments are the ones the
 * file's header declares.
 *
 * The functions live in a dataset of their own because a linked dataset is read-only. It is
 * created with `delete_contents_on_destroy` false, so that a destroy never takes saved analysis
 * with it. A question whose logs the kit's sink does not route (a custom sink filter) is not
 * deployed, and synth says why.
 */
export class InvestigationPack extends Construct {
  /** The BigQuery dataset linked to the log bucket (read-only). */
  public readonly linkedDataset: LoggingLinkedDataset;
  /** The dataset of the table functions. */
  public readonly dataset: BigqueryDataset;
  /** The table function of each deployed question, by question id. */
  public readonly routines: Readonly<Partial<Record<QuestionId, BigqueryRoutine>>>;
  /** What `{{dataset}}` becomes in the functions: `<project>.<link id>`. */
  public readonly linkedDatasetName: string;

  constructor(scope: Construct, id: string, props: InvestigationPackProps) {
    super(scope, id);
    const check: PropCheck = propCheck(this);
    const p = check.props<InvestigationPackProps>('props', props, INVESTIGATION_PACK_PROPS_KEYS, 'an InvestigationPackProps object with logSink or logBucket');
    const { bucket, filter } = this.bucketOf(check, p);
    const project = bucket.projectInput;
    if (project === undefined) check.fail(p.logSink ? 'logSink' : 'logBucket', 'a log bucket without a project', 'a log bucket whose project is set (the functions name the linked dataset as <project>.<link id>)');
    const linkId = check.string('linkId', p.linkId ?? 'forensic_logs', LINK_ID);
    const datasetId = check.string('datasetId', p.datasetId ?? 'forensic_investigation', DATASET_ID);
    const bucketLocation = bucket.locationInput ?? 'global';
    if (p.location === undefined && bucketLocation === 'global') {
      check.fail('location', undefined, 'the BigQuery location of the linked dataset (US, EU or a region): the log bucket is global, and BigQuery has no global location');
    }
    const location = check.string('location', p.location ?? bucketLocation, LOCATION);
    const available = questionsWithQueries('gcp', 'sql', QUESTIONS.map((q) => q.id));
    const chosen = this.questionsOf(check, p.questions, available);
    const labels = gcpLabels('control-plane-audit', false, p.tags ?? {}, check);

    this.linkedDataset = new LoggingLinkedDataset(this, 'LinkedDataset', {
      linkId,
      bucket: bucket.id,
      description: 'Forensic readiness kit: the log bucket read in place by BigQuery (read-only).',
    });
    this.linkedDatasetName = `${project}.${linkId}`;

    this.dataset = new BigqueryDataset(this, 'Resource', {
      project,
      datasetId,
      location,
      friendlyName: 'Forensic investigation',
      description: `Forensic readiness kit: the investigation questions as table functions over ${this.linkedDatasetName}._AllLogs.`,
      deleteContentsOnDestroy: false,
      labels,
    });

    const routines: Partial<Record<QuestionId, BigqueryRoutine>> = {};
    for (const qid of chosen) {
      const text = queryFile('gcp', qid, 'sql');
      const unrouted = filter === undefined ? [] : logsOf(text).filter((log) => !filter.includes(`/logs/${log}`));
      if (unrouted.length > 0) {
        inform(this, `question ${qid} is not deployed: its query reads ${unrouted.map((l) => decodeURIComponent(l)).join(' and ')}, which the sink's filter does not route into the log bucket`);
        continue;
      }
      const routine = new BigqueryRoutine(this, `Question-${qid}`, {
        project,
        datasetId: this.dataset.datasetId,
        routineId: deployedQueryName(qid),
        routineType: 'TABLE_VALUED_FUNCTION',
        language: 'SQL',
        description: question(qid).title,
        definitionBody: text.split('{{dataset}}').join(this.linkedDatasetName),
        arguments: tableFunctionArguments(qid, text).map((a) => ({ name: a.name, dataType: JSON.stringify({ typeKind: a.type }) })),
        dependsOn: [this.linkedDataset],
      });
      routines[qid] = routine;
    }
    this.routines = routines;
  }

  /** The log bucket, and the sink filter that fills it when it is known as text. */
  private bucketOf(check: PropCheck, p: InvestigationPackProps): { bucket: LoggingProjectBucketConfig; filter?: string } {
    if (p.logSink !== undefined && p.logBucket !== undefined) check.fail('logBucket', 'both logSink and logBucket', 'either logSink or logBucket, not both');
    if (p.logSink !== undefined) {
      if (!(p.logSink instanceof LogSink)) check.fail('logSink', p.logSink, "the kit's LogSink (or give logBucket for a log bucket made elsewhere)");
      const bucket = p.logSink.logBucket;
      if (bucket === undefined) check.fail('logSink', 'a LogSink without a log bucket', 'a LogSink with logBucketEnabled (the pack links the log bucket to BigQuery)');
      this.requireAnalytics(check, 'logSink', bucket);
      const filter = p.logSink.logBucketSink?.filterInput;
      return { bucket, filter: typeof filter === 'string' && !check.isToken(filter) ? filter : undefined };
    }
    if (p.logBucket === undefined) check.fail('logSink', undefined, "the kit's LogSink, or logBucket: a Cloud Logging bucket with Log Analytics on");
    if (!(p.logBucket instanceof LoggingProjectBucketConfig)) check.fail('logBucket', p.logBucket, 'a LoggingProjectBucketConfig');
    this.requireAnalytics(check, 'logBucket', p.logBucket);
    return { bucket: p.logBucket };
  }

  private requireAnalytics(check: PropCheck, prop: string, bucket: LoggingProjectBucketConfig): void {
    const analytics = bucket.enableAnalyticsInput;
    if (analytics === true || check.isToken(analytics)) return;
    check.fail(prop, `log bucket ${bucket.bucketIdInput ?? ''} without Log Analytics`.replace('  ', ' '), 'a log bucket with Log Analytics on (enable_analytics; LogSink logBucket.logAnalyticsEnabled): only such a bucket can be linked to BigQuery');
  }

  private questionsOf(check: PropCheck, value: unknown, available: readonly QuestionId[]): readonly QuestionId[] {
    if (value === undefined) return available;
    const list = check.list<unknown>('questions', value, { nonEmpty: true, unique: true, expected: 'a non-empty list of question ids without repeats' });
    list.forEach((q, i) => check.oneOf(`questions[${i}]`, q, available));
    return available.filter((q) => list.includes(q));
  }
}
