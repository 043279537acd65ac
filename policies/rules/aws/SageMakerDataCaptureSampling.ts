import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { asBool, asNumber, rawAt, show } from '../../facts/aws/evidence';

export const SageMakerDataCaptureSampling: Rule = {
  id: 'AWS.SageMaker.DataCaptureSampling',
  cloud: 'aws',
  severity: 'warning',
  appliesTo: ['AWS::SageMaker::EndpointConfig'],
  description: 'An endpoint config captures only a sample of requests (InitialSamplingPercentage below the full-sampling threshold, 100 by default).',
  rationale:
    'With sampling, the requests of an extraction attack are captured only in part, and the missing ones cannot be recovered; an investigator can then only estimate what the model disclosed.',
  fix: 'Use SageMakerAudit (samplingPercentage 100, the default), or set DataCaptureConfig.InitialSamplingPercentage: 100. Lower it only for an endpoint whose capture volume is unaffordable, and acknowledge the finding with the reason.',
  evidenceSource: 'ml-inference',
  nist: 'Collection',
  attack: ['T1078.004'],
  atlas: ['AML.T0024', 'AML.T0040'],
  thresholds: ['fullSamplingPercentage'],
  isApplicable: (r, ctx) => rawAt(ctx.model, r, 'DataCaptureConfig') !== undefined && asBool(ctx.model.get(r, 'DataCaptureConfig.EnableCapture')) !== false,
  check: (r, ctx) => {
    const raw = ctx.model.get(r, 'DataCaptureConfig.InitialSamplingPercentage');
    const v = asNumber(raw);
    if (isUnresolved(v)) return unknown(`${r.address}: DataCaptureConfig.InitialSamplingPercentage is unresolvable before deploy`);
    const full = ctx.config.fullSamplingPercentage;
    if (v !== undefined && v >= full) return compliant(`${r.address}: InitialSamplingPercentage is ${v}`);
    return nonCompliant(`${r.address}: InitialSamplingPercentage is ${show(raw)}, under ${full}`);
  },
};
