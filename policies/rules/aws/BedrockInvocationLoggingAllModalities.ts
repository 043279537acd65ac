import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { callValue, sdkCall, SdkCall } from '../../facts/aws/sdk-calls';
import { show } from '../../facts/aws/refs';

/** The data delivery switches of LoggingConfig (Bedrock API reference) that both CloudFormation's custom resource and hashicorp/aws can state. */
const MODALITIES = ['textDataDeliveryEnabled', 'imageDataDeliveryEnabled', 'embeddingDataDeliveryEnabled', 'videoDataDeliveryEnabled'] as const;
const PUT = 'putmodelinvocationloggingconfiguration';

export const BedrockInvocationLoggingAllModalities: Rule = {
  id: 'AWS.Bedrock.InvocationLoggingAllModalities',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['Custom::AWS', 'AWS::CloudFormation::CustomResource'],
  isApplicable: (r, ctx) => (['Create', 'Update'] as const).some((phase) => {
    const call = sdkCall(ctx.model, r, phase);
    return isUnresolved(call) || (call !== undefined && call.service === 'bedrock' && call.action === PUT);
  }),
  description: 'A Bedrock model invocation logging configuration leaves out text, image, embedding or video data (a *DataDeliveryEnabled switch false or absent).',
  rationale:
    'Invocation logs are the only record of what a prompt asked and what the model answered; CloudTrail shows only who called InvokeModel or Converse. A modality left out is a blind spot an attacker can use: a jailbreak or exfiltration through images or embeddings leaves no content on record.',
  fix: 'Use BedrockInvocationLogging (every modality on), or set textDataDeliveryEnabled, imageDataDeliveryEnabled, embeddingDataDeliveryEnabled and videoDataDeliveryEnabled to true in PutModelInvocationLoggingConfiguration (aws_bedrock_model_invocation_logging_configuration: leave the *_data_delivery_enabled arguments at their default true).',
  evidenceSource: 'ml-inference',
  nist: 'Collection',
  attack: ['T1078.004'],
  atlas: ['AML.T0024', 'AML.T0040'],
  check: (r, ctx) => {
    const calls: Array<[string, SdkCall]> = [];
    for (const phase of ['Create', 'Update'] as const) {
      const call = sdkCall(ctx.model, r, phase);
      if (isUnresolved(call)) return unknown(`${r.address}: the ${phase} call cannot be read before deploy`);
      if (call !== undefined && call.service === 'bedrock' && call.action === PUT) calls.push([phase, call]);
    }
    for (const [phase, call] of calls) {
      const values = MODALITIES.map((k) => [k, callValue(call, `loggingConfig.${k}`)] as const);
      const open = values.filter(([, v]) => isUnresolved(v)).map(([k]) => k);
      const off = values.filter(([, v]) => !isUnresolved(v) && v !== true && v !== 'true');
      if (off.length > 0) return nonCompliant(`${r.address}: ${phase} sets ${off.map(([k, v]) => `loggingConfig.${k} ${v === undefined ? 'absent' : `to ${show(v)}`}`).join(', ')}, so those invocations are logged without their content`);
      if (open.length > 0) return unknown(`${r.address}: ${phase} loggingConfig.${open.join(', ')} is unresolvable before deploy`);
    }
    return compliant(`${r.address}: text, image, embedding and video data are delivered`);
  },
};
