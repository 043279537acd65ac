import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { asBool, asNumber, rawAt, rawList, show } from '../../facts/aws/evidence';

/** CaptureMode values: Input, Output, InputAndOutput (API CaptureOption). EnableCapture defaults to true. */
export const SageMakerDataCaptureInputOutput: Rule = {
  id: 'AWS.SageMaker.DataCaptureInputOutput',
  cloud: 'aws',
  severity: 'error',
  appliesTo: ['AWS::SageMaker::EndpointConfig'],
  description: 'An endpoint config does not capture both the inputs and the outputs of its endpoint (DataCaptureConfig absent, EnableCapture false, a CaptureMode missing, or sampling 0).',
  rationale:
    'CloudTrail shows who invoked an endpoint; only data capture shows what they sent and what the model returned. Model extraction and inversion are recognised by the queries (inputs) and judged by what leaked (outputs): both are needed.',
  fix: 'Use SageMakerAudit (captures Input and Output into an EvidenceBucket), or set DataCaptureConfig { EnableCapture: true, CaptureOptions: [{ CaptureMode: Input }, { CaptureMode: Output }], InitialSamplingPercentage: 100, DestinationS3Uri, KmsKeyId }.',
  evidenceSource: 'ml-inference',
  nist: 'Collection',
  attack: ['T1078.004'],
  atlas: ['AML.T0024', 'AML.T0040'],
  check: (r, ctx) => {
    const m = ctx.model;
    const config = rawAt(m, r, 'DataCaptureConfig');
    if (isUnresolved(config)) return unknown(`${r.address}: DataCaptureConfig is unresolvable before deploy`);
    if (config === undefined) return nonCompliant(`${r.address}: DataCaptureConfig is absent, so no request or response is captured`);
    const enabled = asBool(m.get(r, 'DataCaptureConfig.EnableCapture'));
    if (isUnresolved(enabled)) return unknown(`${r.address}: DataCaptureConfig.EnableCapture is unresolvable before deploy`);
    if (enabled === false) return nonCompliant(`${r.address}: DataCaptureConfig.EnableCapture is false`);
    const options = rawList(m, r, rawAt(m, r, 'DataCaptureConfig.CaptureOptions'));
    if (isUnresolved(options)) return unknown(`${r.address}: DataCaptureConfig.CaptureOptions is unresolvable before deploy`);
    const modes = options.map((o) => m.resolve(o && typeof o === 'object' ? (o as Record<string, unknown>).CaptureMode : undefined, r));
    if (modes.some(isUnresolved)) return unknown(`${r.address}: a CaptureMode is unresolvable before deploy`);
    const input = modes.includes('Input') || modes.includes('InputAndOutput');
    const output = modes.includes('Output') || modes.includes('InputAndOutput');
    const missing = [...(input ? [] : ['Input']), ...(output ? [] : ['Output'])];
    if (missing.length > 0) return nonCompliant(`${r.address}: CaptureOptions modes ${show(modes)} do not capture ${missing.join(' or ')}`);
    const raw = m.get(r, 'DataCaptureConfig.InitialSamplingPercentage');
    const sampling = asNumber(raw);
    if (isUnresolved(sampling)) return unknown(`${r.address}: DataCaptureConfig.InitialSamplingPercentage is unresolvable before deploy`);
    if (sampling === undefined || sampling <= 0) return nonCompliant(`${r.address}: DataCaptureConfig.InitialSamplingPercentage is ${show(raw)}, so nothing is captured`);
    return compliant(`${r.address}: captures Input and Output of ${sampling}% of requests`);
  },
};
