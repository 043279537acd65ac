import { MachineLearningComputeNodePublicIpDisabled as rule } from '../../../../policies/rules/azure/MachineLearningComputeNodePublicIpDisabled';
import { judge } from '../../helpers';
import { model } from './_fixtures';

const run = (type: string, body: Record<string, unknown>) => judge(rule, model({ resource: { [type]: { c: { name: 'c', ...body } } } }), `${type}.c`);

describe('AZURE.MachineLearning.ComputeNodePublicIpDisabled', () => {
  test('is a warning', () => expect(rule.severity).toBe('warning'));
  test('compliant: cluster with node_public_ip_enabled false', () => expect(run('azurerm_machine_learning_compute_cluster', { node_public_ip_enabled: false, subnet_resource_id: 's' }).verdict).toBe('COMPLIANT'));
  test('compliant: instance with node_public_ip_enabled false', () => expect(run('azurerm_machine_learning_compute_instance', { node_public_ip_enabled: false }).verdict).toBe('COMPLIANT'));
  test('non-compliant: true', () => expect(run('azurerm_machine_learning_compute_instance', { node_public_ip_enabled: true }).verdict).toBe('NON_COMPLIANT'));
  test('non-compliant: absent (provider default true)', () => expect(run('azurerm_machine_learning_compute_cluster', {}).reason).toMatch(/provider default true/));
  test('unknown: a variable', () => expect(run('azurerm_machine_learning_compute_cluster', { node_public_ip_enabled: '${var.ip}' }).verdict).toBe('UNKNOWN'));
  test('compliant: cluster with ssh_public_access_enabled absent (azurerm 4.x default false)', () => {
    expect(run('azurerm_machine_learning_compute_cluster', { node_public_ip_enabled: false }).reason).toMatch(/ssh_public_access_enabled is absent \(provider default false\)/);
  });
  test('non-compliant: cluster with ssh_public_access_enabled true', () => {
    const j = run('azurerm_machine_learning_compute_cluster', { node_public_ip_enabled: false, ssh_public_access_enabled: true });
    expect(j.verdict).toBe('NON_COMPLIANT');
    expect(j.reason).toBe('ssh_public_access_enabled is true: the SSH port is public');
  });
  test('non-compliant: instance with an ssh block (the provider opens public SSH)', () => {
    expect(run('azurerm_machine_learning_compute_instance', { node_public_ip_enabled: false, ssh: [{ public_key: 'ssh-rsa AAAA' }] }).reason).toBe('ssh block is present: the SSH port is public');
  });
  test('unknown: ssh_public_access_enabled is a variable', () => {
    expect(run('azurerm_machine_learning_compute_cluster', { node_public_ip_enabled: false, ssh_public_access_enabled: '${var.ssh}' }).verdict).toBe('UNKNOWN');
  });
});
