import { WorkbenchNoPublicIp } from '../../../../policies/rules/gcp/WorkbenchNoPublicIp';
import { judge } from '../../helpers';
import { tf } from './_gcp';

const workbench = (gce_setup: unknown) => tf({ google_workbench_instance: { w: { name: 'w', location: 'us-central1-a', gce_setup } } });
const W = 'google_workbench_instance.w';

describe('GCP.Workbench.NoPublicIp', () => {
  it('passes gce_setup.disable_public_ip true', () => {
    expect(judge(WorkbenchNoPublicIp, workbench({ machine_type: 'e2-standard-4', disable_public_ip: true }), W).verdict).toBe('COMPLIANT');
  });

  it('passes gce_setup written as an array', () => {
    expect(judge(WorkbenchNoPublicIp, workbench([{ disable_public_ip: true }]), W).verdict).toBe('COMPLIANT');
  });

  it('fails disable_public_ip false', () => {
    expect(judge(WorkbenchNoPublicIp, workbench({ disable_public_ip: false }), W).reason).toMatch(/disable_public_ip is false/);
  });

  it('fails without gce_setup (provider default: public IP)', () => {
    const j = judge(WorkbenchNoPublicIp, workbench(undefined), W);
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toMatch(/absent/);
  });

  it('passes a legacy notebook with no_public_ip true and fails one without it', () => {
    const m = tf({ google_notebooks_instance: { ok: { name: 'a', location: 'l', machine_type: 'm', no_public_ip: true }, open: { name: 'b', location: 'l', machine_type: 'm' } } });
    expect(judge(WorkbenchNoPublicIp, m, 'google_notebooks_instance.ok').verdict).toBe('COMPLIANT');
    expect(judge(WorkbenchNoPublicIp, m, 'google_notebooks_instance.open').reason).toMatch(/no_public_ip is absent/);
  });

  it('is UNKNOWN when disable_public_ip is a variable', () => {
    expect(judge(WorkbenchNoPublicIp, workbench({ disable_public_ip: '${var.private}' }), W).verdict).toBe('UNKNOWN');
  });
});
