import { WorkbenchHardening } from '../../../../policies/rules/gcp/WorkbenchHardening';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const W = 'google_workbench_instance.w';
const N = 'google_notebooks_instance.n';
const KEY = '${google_kms_crypto_key.k.id}';
const cmek = { disk_encryption: 'CMEK', kms_key: KEY };

/** A hardened Workbench instance, with gce_setup overrides. */
function workbench(setup: Record<string, any> = {}) {
  return tf({
    google_kms_crypto_key: { k: { name: 'k', key_ring: 'r' } },
    google_workbench_instance: {
      w: {
        name: 'nb',
        location: 'us-central1-a',
        gce_setup: {
          disable_public_ip: true,
          shielded_instance_config: { enable_secure_boot: true, enable_vtpm: true, enable_integrity_monitoring: true },
          metadata: { 'notebook-disable-root': 'true' },
          boot_disk: cmek,
          data_disks: cmek,
          ...setup,
        },
      },
    },
  });
}

describe('GCP.Workbench.Hardening', () => {
  it('passes a shielded, root-less Workbench instance with CMEK disks', () => {
    const j = judge(WorkbenchHardening, workbench(), W);
    expect(j.verdict).toBe('COMPLIANT');
  });

  it('passes when vTPM and integrity monitoring are left at their default (on), shielded config as a block list', () => {
    expect(judge(WorkbenchHardening, workbench({ shielded_instance_config: [{ enable_secure_boot: 'true' }] }), W).verdict).toBe('COMPLIANT');
  });

  it('warns when secure boot is left at its default (off)', () => {
    const j = judge(WorkbenchHardening, workbench({ shielded_instance_config: {} }), W);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/enable_secure_boot is absent \(default false\)/);
  });

  it('warns when vTPM or integrity monitoring is off, naming both', () => {
    const j = judge(WorkbenchHardening, workbench({ shielded_instance_config: { enable_secure_boot: true, enable_vtpm: false, enable_integrity_monitoring: false } }), W);
    expect(j.reason).toMatch(/enable_vtpm is false; .*enable_integrity_monitoring is false/);
  });

  it('warns when the notebook user can become root', () => {
    expect(judge(WorkbenchHardening, workbench({ metadata: {} }), W).reason).toMatch(/notebook-disable-root is absent: the notebook user can become root/);
    expect(judge(WorkbenchHardening, workbench({ metadata: { 'notebook-disable-root': 'false' } }), W).verdict).toBe('NON_COMPLIANT');
  });

  it('warns on Google-managed disks (absent or GMEK) and on CMEK without a key', () => {
    expect(judge(WorkbenchHardening, workbench({ boot_disk: {} }), W).reason).toMatch(/boot_disk.disk_encryption is absent \(default GMEK\)/);
    expect(judge(WorkbenchHardening, workbench({ data_disks: { disk_encryption: 'GMEK' } }), W).reason).toMatch(/data_disks.disk_encryption is "GMEK"/);
    expect(judge(WorkbenchHardening, workbench({ data_disks: { disk_encryption: 'CMEK' } }), W).reason).toMatch(/data_disks.kms_key is absent while .* is CMEK/);
  });

  it('judges the legacy google_notebooks_instance at top level', () => {
    const legacy = (extra: Record<string, any>) =>
      tf({
        google_notebooks_instance: {
          n: {
            name: 'nb',
            location: 'us-central1-a',
            machine_type: 'e2-standard-4',
            shielded_instance_config: { enable_secure_boot: true },
            metadata: { 'notebook-disable-root': 'true' },
            disk_encryption: 'CMEK',
            kms_key: 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k',
            ...extra,
          },
        },
      });
    expect(judge(WorkbenchHardening, legacy({}), N).verdict).toBe('COMPLIANT');
    expect(judge(WorkbenchHardening, legacy({ disk_encryption: 'GMEK' }), N).reason).toMatch(/^disk_encryption is "GMEK"/);
  });

  it('is UNKNOWN when a setting is a variable and nothing else fails', () => {
    const j = judge(WorkbenchHardening, workbench({ metadata: { 'notebook-disable-root': '${var.no_root}' } }), W);
    expect(j.verdict).toBe('UNKNOWN');
    expect(j.reason).toMatch(/notebook-disable-root is a value known only at deploy/);
  });
});
