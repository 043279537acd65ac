import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, show } from '../../facts/gcp';

/**
 * Both the current Workbench instance and the legacy user-managed notebook assign an external IP
 * unless told not to (disable_public_ip / no_public_ip default false).
 */
export const WorkbenchNoPublicIp: Rule = {
  id: 'GCP.Workbench.NoPublicIp',
  cloud: 'gcp',
  severity: 'error',
  appliesTo: ['google_workbench_instance', 'google_notebooks_instance'],
  description: 'A Vertex AI Workbench or notebook instance has a public IP address.',
  rationale:
    'A notebook with an external address can be reached from the internet and can send data out directly, around ' +
    'the Cloud NAT whose logs tie outbound connections to workloads; the notebook holds credentials and training data.',
  fix:
    "Use the kit's VertexAiAudit.addWorkbenchInstance (no public IP), or set gce_setup { disable_public_ip = true } on google_workbench_instance " +
    '(no_public_ip = true on the legacy google_notebooks_instance) and reach the internet through Cloud NAT.',
  evidenceSource: 'network-flow',
  nist: 'Collection',
  attack: ['T1567', 'T1537'],
  atlas: ['AML.T0025', 'AML.T0010'],
  check: (instance, { model }) => {
    const path = instance.type === 'google_workbench_instance' ? 'gce_setup.disable_public_ip' : 'no_public_ip';
    const value = asBool(model.get(instance, path));
    if (isUnresolved(value)) return unknown(`${path} is a value known only at deploy`);
    if (value !== true) return nonCompliant(`${path} is ${show(value)} (provider default false): the instance gets an external IP`);
    return compliant(`${path} is true`);
  },
};
