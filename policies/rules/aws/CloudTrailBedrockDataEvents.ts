import { BEDROCK_DATA_EVENT_TYPES } from '../../../constructs/core/catalogs';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { coverage, ArnMatcher } from '../../facts/aws/selectors';
import { BedrockInvocationLoggingAllModalities } from './BedrockInvocationLoggingAllModalities';

/** Every resource of the type in the account: a selector narrowed by resources.ARN records only part of them. */
const EVERY_RESOURCE: ArnMatcher = { prefixCovers: () => false, equalsCovers: () => false, inside: () => true };

/** Judged on each Bedrock invocation logging configuration: where Bedrock is used, some trail records its data events. */
export const CloudTrailBedrockDataEvents: Rule = {
  id: 'AWS.CloudTrail.BedrockDataEvents',
  cloud: 'aws',
  severity: 'error',
  appliesTo: BedrockInvocationLoggingAllModalities.appliesTo,
  isApplicable: BedrockInvocationLoggingAllModalities.isApplicable,
  description: 'Bedrock is in use (a model invocation logging configuration) but no trail of the inputs records the Bedrock data events of every type (agents, knowledge bases, flows, guardrails, prompts, sessions, tools, async invocations).',
  rationale:
    'Invocation logs keep the content of direct model calls; agent and knowledge-base invocations, flow executions, guardrail checks, prompt renders and tool calls are CloudTrail data events, recorded only by an advanced event selector. Without them an investigator of a prompt-injection or data-exfiltration incident cannot tell which principal drove an agent or read a knowledge base.',
  fix: 'Use AuditTrail (its Bedrock data events are on when the app holds a BedrockInvocationLogging), or add to a trail AdvancedEventSelectors { eventCategory Equals [Data], resources.type Equals [<type>] } for each of AWS::Bedrock::Model, AsyncInvoke, AgentAlias, InlineAgent, KnowledgeBase, FlowAlias, Guardrail, PromptVersion, Session, FlowExecution and Tool.',
  evidenceSource: 'ml-inference',
  nist: 'Collection',
  attack: ['T1078.004'],
  atlas: ['AML.T0024', 'AML.T0040'],
  check: (r, ctx) => {
    const trails = ctx.model.ofType('AWS::CloudTrail::Trail');
    if (trails.length === 0) return nonCompliant(`${r.address}: the inputs have no AWS::CloudTrail::Trail, so no Bedrock data events are recorded`);
    const results = BEDROCK_DATA_EVENT_TYPES.map((type) => [type, coverage(ctx.model, trails, type, EVERY_RESOURCE)] as const);
    const missing = results.filter(([, c]) => c.covers === false);
    if (missing.length > 0) return nonCompliant(`${r.address}: ${missing.map(([type, c]) => `${type}: ${c.reason}`).join('; ')}`);
    const open = results.filter(([, c]) => c.covers === 'unknown');
    if (open.length > 0) return unknown(`${r.address}: ${open.map(([type, c]) => `${type}: ${c.reason}`).join('; ')}`);
    return compliant(`${r.address}: every Bedrock data-event type is recorded`);
  },
};
