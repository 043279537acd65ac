import { ResourceModel } from '../../engine/model';
import { Resource, Rule } from '../../engine/types';
import { State, anyOf, judgement } from '../../facts/aws/evidence';
import { sageMakerLogGroupName, subscriptionCopyState } from '../../facts/aws/sagemaker-logs';
import { subscriptionsOf } from '../../facts/aws/subscriptions';

/**
 * Every SageMaker log group is copied, record for record, into a locked evidence bucket (see
 * subscriptionCopyState). Two filters of one FilterName on a group are one filter: each is judged as if alone.
 */
export const SageMakerJobLogsExported: Rule = {
  id: 'AWS.SageMaker.JobLogsExported',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::Logs::LogGroup'],
  isApplicable: (r, ctx) => sageMakerLogGroupName(ctx.model, r) !== undefined,
  description: 'A SageMaker log group (/aws/sagemaker/...) has no subscription filter that copies every record into a Firehose stream writing into a locked evidence bucket (directly or by replication).',
  rationale:
    'A log group is not an evidence store that holds: whoever may change its retention or delete its streams can erase what a job printed. A copy of every record in an Object Lock bucket cannot be edited or deleted by anyone until its retention ends, so the logs of a short-lived training or processing job stand as they were written.',
  fix: 'Use SageMakerJobLogs (a subscription per group into a KMS-encrypted Firehose stream that stages into a bucket replicated into the EvidenceBucket), or add an AWS::Logs::SubscriptionFilter with FilterPattern "" to a Firehose stream whose S3 destination is locked or replicates its prefix into a locked bucket.',
  evidenceSource: 'ml-training-lifecycle',
  nist: 'Collection',
  attack: ['T1562.008', 'T1685.002', 'T1485'],
  atlas: ['AML.T0020', 'AML.T0018'],
  thresholds: ['retentionFloorDays'],
  check: (r, ctx) => {
    const filters = subscriptionsOf(ctx.model, r);
    // A group's filters are told apart by FilterName: two of one name are one filter, each replacing
    // the other (PutSubscriptionFilter), so such a pair copies only if each of them alone does.
    const states: State[] = [];
    for (const same of byFilterName(ctx.model, filters)) {
      const each = same.map((f) => subscriptionCopyState(ctx.model, f, ctx.config.retentionFloorDays, ctx.config.context));
      if (each.length === 1) {
        states.push(each[0]);
        continue;
      }
      const worst = each.some((x) => x.ok === false) ? false : each.some((x) => x.ok === 'unknown') ? 'unknown' : true;
      const name = ctx.model.get(same[0], 'FilterName');
      states.push({
        ok: worst,
        reason:
          `${r.address}: subscription filters ${same.map((f) => f.address).join(', ')} have one FilterName (${JSON.stringify(name)}) on this group: each replaces the other, so only the last applied takes effect, and each is judged as if alone: ` +
          each.filter((x) => x.ok === worst).map((x) => x.reason).join('; '),
      });
    }
    return judgement(anyOf(states, `${r.address}: no subscription filter copies its records out, so they exist only in the group, as long as its retention and anyone allowed logs:DeleteLogGroup let them`));
  },
};

/** A group's subscription filters, those of one literal FilterName together (in address order); each other filter alone. */
function byFilterName(model: ResourceModel, filters: readonly Resource[]): Resource[][] {
  const named = new Map<string, Resource[]>();
  const out: Resource[][] = [];
  for (const f of filters) {
    const name = model.get(f, 'FilterName');
    if (typeof name !== 'string') {
      out.push([f]);
      continue;
    }
    const list = named.get(name);
    if (list) list.push(f);
    else {
      const fresh = [f];
      named.set(name, fresh);
      out.push(fresh);
    }
  }
  for (const list of named.values()) if (list.length > 1) list.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return out;
}
