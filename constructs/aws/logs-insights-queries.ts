import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { question, QuestionId, queryFile, queryFilesIn } from '../core';

/** The folder of the CloudWatch Logs Insights queries, under queries/aws/. */
export const LOGS_INSIGHTS_FOLDER = 'logs-insights';

/**
 * One CloudWatch Logs Insights query definition per file of queries/aws/logs-insights/ (named
 * after the question it answers), over the trail's log group, byte for byte the file. Logs
 * Insights takes no parameters, so each definition answers over the whole group and the time range
 * chosen in the console; the investigator narrows it by editing the filter. None when the trail
 * has no log group.
 */
export function logsInsightsDefinitions(scope: Construct, logGroup: logs.ILogGroup | undefined): Record<string, logs.CfnQueryDefinition> {
  if (logGroup === undefined) return {};
  const definitions: Record<string, logs.CfnQueryDefinition> = {};
  for (const id of queryFilesIn('aws', LOGS_INSIGHTS_FOLDER, 'logsinsights')) {
    question(id as QuestionId); // a file named after no question is an error, never deployed unexplained
    definitions[id] = new logs.CfnQueryDefinition(scope, `LogsInsights-${id}`, {
      name: `forensic-readiness/${id}`,
      queryString: queryFile('aws', `${LOGS_INSIGHTS_FOLDER}/${id}`, 'logsinsights'),
      logGroupNames: [logGroup.logGroupName],
    });
  }
  return definitions;
}
