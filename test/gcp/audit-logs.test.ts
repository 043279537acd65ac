import { FolderIamAuditConfig } from '@cdktf/provider-google/lib/folder-iam-audit-config';
import { OrganizationIamAuditConfig } from '@cdktf/provider-google/lib/organization-iam-audit-config';
import { ProjectIamAuditConfig } from '@cdktf/provider-google/lib/project-iam-audit-config';
import { TerraformVariable } from 'cdktf';
import { acknowledgeKitWarning, WARNINGS } from '../../constructs/core';
import { AuditLogs, AuditLogsProps, GcpParent } from '../../constructs/gcp';
import { expectAcknowledgeableWarning, expectNoCorruptTokens, newStack, onlyResource, refusal, resourcesOf, stringVariable, synth, synthFile, warningsOf } from './helpers';

const ALL_TYPES = [{ log_type: 'ADMIN_READ' }, { log_type: 'DATA_READ' }, { log_type: 'DATA_WRITE' }];

describe('AuditLogs', () => {
  test('defaults: allServices at the provider project, ADMIN_READ + DATA_READ + DATA_WRITE, no exemptions, no warning', () => {
    const stack = newStack();
    new AuditLogs(stack, 'Audit');
    const { json } = synth(stack);
    const configs = Object.values(resourcesOf(json, 'google_project_iam_audit_config'));
    expect(configs).toEqual([
      {
        service: 'allServices',
        project: expect.stringMatching(/^\$\{data\.google_project\.Audit_Project_[0-9A-F]+\.project_id\}$/),
        audit_log_config: ALL_TYPES,
      },
    ]);
    // Absence, proved on the raw JSON: no exempted_members key at all.
    expect(JSON.stringify(configs)).not.toContain('exempted_members');
    expect(warningsOf(stack)).toEqual([]);
  });

  test('a project id is used as given', () => {
    const stack = newStack();
    new AuditLogs(stack, 'Audit', { parent: GcpParent.project('acme-prod') });
    const { text, json } = synth(stack);
    expect(text).toHaveResourceWithProperties(ProjectIamAuditConfig, { project: 'acme-prod', service: 'allServices' });
    expect(json.data).toBeUndefined();
  });

  test('a folder parent sets folder audit configs', () => {
    const stack = newStack();
    new AuditLogs(stack, 'Audit', { parent: GcpParent.folder('folders/123456789012') });
    const { text, json } = synth(stack);
    expect(text).toHaveResourceWithProperties(FolderIamAuditConfig, { folder: 'folders/123456789012', service: 'allServices', audit_log_config: ALL_TYPES });
    expect(resourcesOf(json, 'google_project_iam_audit_config')).toEqual({});
  });

  test('an organization parent sets organization audit configs', () => {
    const stack = newStack();
    new AuditLogs(stack, 'Audit', { parent: GcpParent.organization('987654321') });
    const { text } = synth(stack);
    expect(text).toHaveResourceWithProperties(OrganizationIamAuditConfig, { org_id: '987654321', service: 'allServices', audit_log_config: ALL_TYPES });
  });

  test('a list of services gets one config each, and warns that other services are not covered', () => {
    const stack = newStack();
    new AuditLogs(stack, 'Audit', { parent: GcpParent.project('acme-prod'), services: ['aiplatform.googleapis.com', 'storage.googleapis.com'] });
    const { json } = synth(stack);
    const services = Object.values(resourcesOf(json, 'google_project_iam_audit_config')).map((c: any) => [c.service, c.audit_log_config]);
    expect(services).toEqual([
      ['aiplatform.googleapis.com', ALL_TYPES],
      ['storage.googleapis.com', ALL_TYPES],
    ]);
    expect(warningsOf(stack)).toEqual([expect.stringMatching(new RegExp(`^\\[${WARNINGS.AUDIT_EXEMPTION}\\].*cover only aiplatform`))]);
  });

  test('exempted members are exempted from every log type, with a warning', () => {
    const stack = newStack();
    new AuditLogs(stack, 'Audit', { parent: GcpParent.project('acme-prod'), exemptedMembers: ['serviceAccount:noisy@acme-prod.iam.gserviceaccount.com'] });
    const { text } = synth(stack);
    const exempted = ['serviceAccount:noisy@acme-prod.iam.gserviceaccount.com'];
    expect(text).toHaveResourceWithProperties(ProjectIamAuditConfig, {
      audit_log_config: ALL_TYPES.map((t) => ({ ...t, exempted_members: exempted })),
    });
    expect(warningsOf(stack)).toEqual([expect.stringContaining('exempted from Data Access audit logs')]);
  });

  test('fails when services is empty, malformed or repeated', () => {
    expect(() => new AuditLogs(newStack(), 'A', { services: [] })).toThrow(/services must be allServices or one or more API names/);
    expect(() => new AuditLogs(newStack(), 'A', { services: ['storage'] })).toThrow(/services/);
    expect(() => new AuditLogs(newStack(), 'A', { services: ['storage.googleapis.com', 'storage.googleapis.com'] })).toThrow(/services must be a list without duplicates/);
  });

  test('fails when an exempted member is public or malformed', () => {
    expect(() => new AuditLogs(newStack(), 'A', { exemptedMembers: ['allUsers'] })).toThrow(/exemptedMembers must be an IAM member/);
  });
});

describe('GcpParent', () => {
  test('accepts project ids, folder and organization ids with or without prefix', () => {
    expect(GcpParent.project('acme-prod').toString()).toBe('project acme-prod');
    expect(GcpParent.project().toString()).toBe("the provider's project");
    expect(GcpParent.folder('folders/42').id).toBe('42');
    expect(GcpParent.organization('organizations/7').id).toBe('7');
  });

  test('fails when an id is malformed', () => {
    expect(() => GcpParent.project('Acme')).toThrow(/parent.projectId/);
    expect(() => GcpParent.folder('my-folder')).toThrow(/parent.folderId must be a numeric folder id/);
    expect(() => GcpParent.organization('replace-me-org-id')).toThrow(/parent.organizationId/);
  });
});

describe('AuditLogs props', () => {
  const audit = (props: unknown) => () => new AuditLogs(newStack(), 'A', props as AuditLogsProps);
  const SERVICES = /^allServices or one or more API names such as storage\.googleapis\.com$/;

  test('fails when props are not an object', () => {
    refusal(audit('allServices'), 'props', /^AuditLogsProps$/);
    refusal(audit(null), 'props', /^AuditLogsProps$/);
  });

  test.each([
    ['a plain object', { kind: 'project', id: 'acme-prod' }],
    ['a project id string', 'acme-prod'],
  ])('fails when parent is %s, not a GcpParent', (_case, parent) => {
    refusal(audit({ parent }), 'parent', /^a GcpParent \(GcpParent\.project\(\), \.folder\(id\) or \.organization\(id\)\)$/);
  });

  test('fails when services is empty', () => {
    refusal(audit({ services: [] }), 'services', SERVICES);
  });

  test('fails when services is not a list', () => {
    refusal(audit({ services: 'allServices' }), 'services', SERVICES);
  });

  test.each([
    ['not an API name', 'storage'],
    ['another domain', 'storage.example.com'],
    ['in upper case', 'Storage.googleapis.com'],
    ['not a string', 5],
  ])('fails when a service is %s', (_case, service) => {
    refusal(audit({ services: [service] }), 'services', /^allServices or an API name such as aiplatform\.googleapis\.com$/);
  });

  test('fails when a service is repeated', () => {
    refusal(audit({ services: ['storage.googleapis.com', 'bigquery.googleapis.com', 'storage.googleapis.com'] }), 'services', /^a list without duplicates$/);
  });

  test('fails when services is a token list (each service becomes an audit config of its own)', () => {
    const stack = newStack();
    const services = new TerraformVariable(stack, 'services', { type: 'list(string)' }).listValue;
    refusal(() => new AuditLogs(stack, 'A', { services }), 'services', /^a list written out/);
  });

  test.each([
    ['allUsers', 'allUsers'],
    ['allAuthenticatedUsers', 'allAuthenticatedUsers'],
    ['an email without a type', 'noisy@acme-prod.iam.gserviceaccount.com'],
    ['an empty string', ''],
  ])('fails when an exempted member is %s', (_case, member) => {
    refusal(audit({ exemptedMembers: [member] }), 'exemptedMembers', /^an IAM member user:, serviceAccount:, group:, domain:, principal: or principalSet: \(allUsers and allAuthenticatedUsers are never granted evidence\)$/);
  });

  test('fails when an exempted member is repeated, or exemptedMembers is not a list', () => {
    refusal(audit({ exemptedMembers: ['user:a@example.com', 'user:a@example.com'] }), 'exemptedMembers', /^a list of IAM members without repeats$/);
    refusal(audit({ exemptedMembers: 'user:a@example.com' }), 'exemptedMembers', /^a list of IAM members$/);
  });

  test('fails when exemptedMembers is a token list (each exemption is a blind spot the kit names)', () => {
    const stack = newStack();
    const exemptedMembers = new TerraformVariable(stack, 'exempted', { type: 'list(string)' }).listValue;
    refusal(() => new AuditLogs(stack, 'A', { exemptedMembers }), 'exemptedMembers', /^a list written out/);
  });

  test('narrowed services warn audit-exemption, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning((stack) => new AuditLogs(stack, 'A', { services: ['storage.googleapis.com'] }), WARNINGS.AUDIT_EXEMPTION, /cover only storage\.googleapis\.com/);
  });

  test('an exempted member warns audit-exemption, and the warning can be acknowledged', () => {
    expectAcknowledgeableWarning((stack) => new AuditLogs(stack, 'A', { exemptedMembers: ['group:noisy@example.com'] }), WARNINGS.AUDIT_EXEMPTION, /group:noisy@example\.com exempted from Data Access audit logs/);
  });

  test('TerraformVariable tokens reach cdk.tf.json unchanged: project, service and exempted member as written', () => {
    const stack = newStack();
    acknowledgeKitWarning(stack, WARNINGS.AUDIT_EXEMPTION, 'the token test exempts a member on purpose');
    new AuditLogs(stack, 'A', {
      parent: GcpParent.project(stringVariable(stack, 'project')),
      services: [stringVariable(stack, 'service')],
      exemptedMembers: [stringVariable(stack, 'member')],
    });
    const { text, json } = synthFile(stack);
    expect(onlyResource(json, 'google_project_iam_audit_config')).toMatchObject({
      project: '${var.project}',
      service: '${var.service}',
      audit_log_config: ALL_TYPES.map((t) => ({ ...t, exempted_members: ['${var.member}'] })),
    });
    expectNoCorruptTokens(text);
  });

  test('TerraformVariable tokens of a folder and an organization id reach cdk.tf.json unchanged', () => {
    const stack = newStack();
    new AuditLogs(stack, 'Folder', { parent: GcpParent.folder(stringVariable(stack, 'folder')) });
    new AuditLogs(stack, 'Org', { parent: GcpParent.organization(stringVariable(stack, 'org')) });
    const { text, json } = synthFile(stack);
    expect(onlyResource(json, 'google_folder_iam_audit_config')).toMatchObject({ folder: 'folders/${var.folder}', service: 'allServices' });
    expect(onlyResource(json, 'google_organization_iam_audit_config')).toMatchObject({ org_id: '${var.org}', service: 'allServices' });
    expectNoCorruptTokens(text);
    expect(warningsOf(stack)).toEqual([]);
  });
});
