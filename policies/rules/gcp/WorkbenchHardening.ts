import { isUnresolved } from '../../engine/model';
import { compliant, nonCompliant, Rule, unknown } from '../../engine/types';
import { asBool, kmsKeyAt, show } from '../../facts/gcp';
import { WORKBENCH_ATTRIBUTES } from '../../facts/gcp/workbench';

/**
 * The notebook VM beyond its public IP (GCP.Workbench.NoPublicIp): shielded VM (secure boot, vTPM,
 * integrity monitoring), no root for the notebook user (metadata notebook-disable-root = "true"),
 * and customer-managed keys on its disks. Every failing setting is named.
 */
export const WorkbenchHardening: Rule = {
  id: 'GCP.Workbench.Hardening',
  cloud: 'gcp',
  severity: 'warning',
  appliesTo: ['google_workbench_instance', 'google_notebooks_instance'],
  description:
    'A Vertex AI Workbench or notebook instance lacks shielded VM (secure boot, vTPM, integrity monitoring), lets the notebook user become root, or has disks without a customer-managed key.',
  rationale:
    'A notebook holds credentials and training data: root lets a compromised package rewrite the VM and its logging agents, ' +
    'integrity monitoring and secure boot are what show a tampered boot chain, and a customer-managed key makes every disk read ' +
    'an auditable, revocable Cloud KMS call.',
  fix:
    "Use the kit's VertexAiAudit.addWorkbenchInstance, or set gce_setup { shielded_instance_config { enable_secure_boot = true, " +
    'enable_vtpm = true, enable_integrity_monitoring = true }, metadata = { notebook-disable-root = "true" }, boot_disk and ' +
    'data_disks { disk_encryption = "CMEK", kms_key = google_kms_crypto_key.<key>.id } } (legacy google_notebooks_instance: the same at top level).',
  evidenceSource: 'ml-training-lifecycle',
  nist: 'Collection',
  attack: ['T1530', 'T1567'],
  atlas: ['AML.T0010', 'AML.T0035'],
  check: (instance, { model }) => {
    const attributes = WORKBENCH_ATTRIBUTES[instance.type as keyof typeof WORKBENCH_ATTRIBUTES];
    const failures: string[] = [];
    const pending: string[] = [];
    for (const c of attributes.shielded) {
      const v = asBool(model.get(instance, c.path));
      if (isUnresolved(v)) pending.push(`${c.path} is a value known only at deploy`);
      else if ((v ?? c.absent) !== true) failures.push(`${c.path} is ${v === undefined ? `absent (default ${c.absent})` : show(v)}`);
    }
    const metadata = model.get(instance, attributes.metadata);
    const root = isUnresolved(metadata) ? metadata : metadata && typeof metadata === 'object' ? (metadata as Record<string, unknown>)['notebook-disable-root'] : undefined;
    const noRoot = asBool(root);
    if (isUnresolved(noRoot)) pending.push(`${attributes.metadata}.notebook-disable-root is a value known only at deploy`);
    else if (noRoot !== true) failures.push(`${attributes.metadata}.notebook-disable-root is ${show(root)}: the notebook user can become root`);
    for (const d of attributes.disks) {
      const enc = model.get(instance, d.encryption);
      if (isUnresolved(enc)) pending.push(`${d.encryption} is a value known only at deploy`);
      else if (enc !== 'CMEK') failures.push(`${d.encryption} is ${show(enc)}${enc === undefined ? ' (default GMEK)' : ''}`);
      else {
        const key = kmsKeyAt(model, instance, d.key);
        if (key.state === 'unknown') pending.push(key.why);
        else if (key.state === 'none') failures.push(`${d.key} is absent while ${d.encryption} is CMEK`);
      }
    }
    if (failures.length > 0) return nonCompliant(failures.join('; '));
    if (pending.length > 0) return unknown(pending.join('; '));
    return compliant('shielded VM with secure boot, vTPM and integrity monitoring; notebook-disable-root is true; disks use CMEK');
  },
};
