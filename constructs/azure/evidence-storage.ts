import { Fn, ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageContainerImmutabilityPolicy } from '@cdktf/provider-azurerm/lib/storage-container-immutability-policy';
import {
  DEFAULT_RETENTION_DAYS,
  ForensicValidationError,
  Immutability,
  lockNotice,
  requirePattern,
  Retention,
  RETENTION_BOUNDS,
  soakWarning,
  validateRetention,
  WARNINGS,
} from '../core';
import { azureTags, IEvidenceStore, kitWarning } from './common';

/** A customer-managed key for the account, held in Key Vault or Managed HSM. */
export interface EvidenceStorageEncryptionKey {
  /** Versionless Key Vault key id (`https://<vault>.vault.azure.net/keys/<name>`). */
  readonly keyVaultKeyId: string;
  /** A user-assigned identity holding Key Vault Crypto Service Encryption User on the key. */
  readonly userAssignedIdentityId: string;
}

/** The props of EvidenceStorage: the account's name, place and replication, its retention and lock, soft delete and change feed, key, containers and firewall. */
export interface EvidenceStorageProps {
  /** Resource group that holds the account. */
  readonly resourceGroupName: string;
  /** Azure region; resource-log and flow-log sources must be in the same region. */
  readonly location: string;
  /** Globally unique account name: 3 to 24 lower-case letters and digits. */
  readonly accountName: string;
  /** How long every blob version stays immutable. @default - 365 days */
  readonly retention?: Retention;
  /** LOCKED (irreversible) or SOAK (unlocked container policies, for a trial). @default - Immutability.LOCKED */
  readonly immutability?: Immutability;
  /**
   * Phase two of the account-level lock: set true on a second deploy, after checking the first.
   * Azure creates an account-level policy only Disabled or Unlocked, so it cannot be Locked in the
   * first apply; the provider then moves Unlocked to Locked in place.
   * @default - false: the account-level policy stays Unlocked and synth warns (two-phase lock)
   */
  readonly accountPolicyLocked?: boolean;
  /** Extra containers to create with the locked policy, besides those the kit's writers ask for. @default - none */
  readonly containers?: string[];
  /** Blob and container soft-delete window. @default - 365 days (the service maximum) */
  readonly softDeleteRetention?: Retention;
  /** Change feed retention (who changed which blob, when). @default - the retention */
  readonly changeFeedRetention?: Retention;
  /** Customer-managed key. @default - Microsoft-managed keys with infrastructure (double) encryption */
  readonly encryptionKey?: EvidenceStorageEncryptionKey;
  /** Replication. @default - 'GRS' (a second region keeps a copy) */
  readonly replication?: 'LRS' | 'ZRS' | 'GRS' | 'GZRS' | 'RAGRS' | 'RAGZRS';
  /** Subnets allowed through the firewall (investigators' workstations, private runners). @default - none */
  readonly allowedSubnetIds?: string[];
  /** Public IP ranges allowed through the firewall. @default - none */
  readonly allowedIpRanges?: string[];
  /** Tags added to every resource. @default - the kit's evidence tags only */
  readonly tags?: Record<string, string>;
}

/** Evidence containers need append-blob writes: Azure Monitor resource logs are append blobs. */
const PROTECTED_APPEND = true;

/**
 * A StorageV2 account that keeps evidence unaltered: version-level immutability on the account,
 * a locked container policy on every evidence container, versioning, change feed, soft delete,
 * TLS 1.2, HTTPS only, no shared keys, no public containers, a firewall that lets only the
 * trusted Azure services (Azure Monitor, Network Watcher) and listed networks in, a CanNotDelete
 * lock and `prevent_destroy` on everything that holds evidence.
 *
 * Honest limits:
 * - The account-level policy cannot be created Locked (`immutability_policy.state` accepts only
 *   Disabled or Unlocked on create); set `accountPolicyLocked` on a second deploy.
 * - Containers that Azure Monitor creates on its own (a category you did not list) are covered by
 *   the account-level policy only, so only after phase two.
 * - Version-level policies allow protected appends to append blobs only; block blobs written
 *   block by block (flow logs) are kept through versioning: each commit creates a new version and
 *   every earlier version stays immutable.
 * - Shared key is off, so Terraform must use Entra ID for any data-plane call
 *   (`storage_use_azuread = true` on the provider).
 */
export class EvidenceStorage extends Construct implements IEvidenceStore {
  /** The storage account that holds the evidence (version-level immutability, prevent_destroy). */
  public readonly account: StorageAccount;
  /** The CanNotDelete management lock on the account (prevent_destroy). */
  public readonly lock: ManagementLock;
  public readonly storageAccountId: string;
  /** The account name. */
  public readonly accountName: string;
  public readonly location: string;
  /** How long every blob version stays immutable: the period of the account-level and container policies. */
  public readonly retention: Retention;
  /** LOCKED (container policies locked, the account-level one once accountPolicyLocked) or SOAK (every policy unlocked). */
  public readonly immutability: Immutability;
  private readonly containers = new Map<string, { container: StorageContainer; policy: StorageContainerImmutabilityPolicy }>();
  private appenderRole?: RoleDefinition;
  private grants = 0;

  constructor(scope: Construct, id: string, props: EvidenceStorageProps) {
    super(scope, id);
    const where = `EvidenceStorage ${this.node.path}`;
    requirePattern('accountName', props.accountName, /^[a-z0-9]{3,24}$/, '3 to 24 lower-case letters and digits', where);
    const retention = props.retention ?? Retention.default();
    validateRetention('retention', retention, RETENTION_BOUNDS.azureImmutability, where);
    const softDelete = props.softDeleteRetention ?? Retention.days(RETENTION_BOUNDS.azureSoftDelete.maxDays);
    validateRetention('softDeleteRetention', softDelete, RETENTION_BOUNDS.azureSoftDelete, where);
    const changeFeed = props.changeFeedRetention ?? retention;
    validateRetention('changeFeedRetention', changeFeed, RETENTION_BOUNDS.azureChangeFeed, where);
    const immutability = props.immutability ?? Immutability.LOCKED;
    const accountLocked = props.accountPolicyLocked ?? false;
    if (accountLocked && !immutability.isLocked) {
      throw new ForensicValidationError('accountPolicyLocked', true, 'false while immutability is SOAK (a soak trial must stay reversible)', where);
    }
    this.retention = retention;
    this.immutability = immutability;
    this.accountName = props.accountName;
    this.location = props.location;

    const tags = azureTags('evidence-immutability', true, props.tags);
    this.account = new StorageAccount(this, 'Resource', {
      name: props.accountName,
      resourceGroupName: props.resourceGroupName,
      location: props.location,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      accountReplicationType: props.replication ?? 'GRS',
      minTlsVersion: 'TLS1_2',
      httpsTrafficOnlyEnabled: true,
      allowNestedItemsToBePublic: false,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      localUserEnabled: false,
      sftpEnabled: false,
      crossTenantReplicationEnabled: false,
      // Copies into or out of the account stay inside the tenant.
      allowedCopyScope: 'AAD',
      infrastructureEncryptionEnabled: true,
      // "Enabled from selected networks": the firewall below denies by default; disabling public
      // access altogether would also shut out the trusted-service writers.
      publicNetworkAccessEnabled: true,
      networkRules: {
        defaultAction: 'Deny',
        // Azure Monitor (resource logs, Activity Log, Entra ID logs) and Azure networking services
        // (Network Watcher flow logs) write as trusted services; without the bypass they are refused.
        bypass: ['AzureServices'],
        ipRules: props.allowedIpRanges ?? [],
        virtualNetworkSubnetIds: props.allowedSubnetIds ?? [],
      },
      blobProperties: {
        versioningEnabled: true,
        changeFeedEnabled: true,
        changeFeedRetentionInDays: changeFeed.days,
        deleteRetentionPolicy: { days: softDelete.days, permanentDeleteEnabled: false },
        containerDeleteRetentionPolicy: { days: softDelete.days },
      },
      immutabilityPolicy: {
        state: accountLocked ? 'Locked' : 'Unlocked',
        periodSinceCreationInDays: retention.days,
        allowProtectedAppendWrites: PROTECTED_APPEND,
      },
      ...(props.encryptionKey
        ? {
            identity: { type: 'UserAssigned', identityIds: [props.encryptionKey.userAssignedIdentityId] },
            customerManagedKey: {
              keyVaultKeyId: props.encryptionKey.keyVaultKeyId,
              userAssignedIdentityId: props.encryptionKey.userAssignedIdentityId,
            },
          }
        : {}),
      tags,
      lifecycle: { preventDestroy: true },
    });
    this.storageAccountId = this.account.id;

    this.lock = new ManagementLock(this, 'DeleteLock', {
      name: 'forensic-evidence-do-not-delete',
      scope: this.account.id,
      lockLevel: 'CanNotDelete',
      notes: 'Forensic evidence store: deleting it destroys evidence. Managed by the forensic readiness kit.',
      lifecycle: { preventDestroy: true },
    });

    for (const name of props.containers ?? []) this.evidenceContainer(name);

    if (immutability.isLocked) {
      kitWarning(this, WARNINGS.IRREVERSIBLE_LOCK, lockNotice(`EvidenceStorage ${this.node.path} (every evidence container)`, retention.days));
      if (!accountLocked) {
        kitWarning(
          this,
          WARNINGS.TWO_PHASE,
          `EvidenceStorage ${this.node.path}: the account-level immutability policy is created Unlocked (Azure accepts only Disabled or Unlocked on create). ` +
            'After checking the first deploy, set accountPolicyLocked: true and deploy again to lock it; until then containers that Azure Monitor creates itself are protected by an unlocked policy only.',
        );
      }
    } else {
      kitWarning(this, WARNINGS.SOAK_MODE, soakWarning(`EvidenceStorage ${this.node.path}`));
    }
    if (retention.days < DEFAULT_RETENTION_DAYS) {
      kitWarning(this, WARNINGS.SHORT_RETENTION, `EvidenceStorage ${this.node.path}: retention ${retention.days} days is below the kit's floor of ${DEFAULT_RETENTION_DAYS} days.`);
    }
  }

  /**
   * The evidence container of that name, created once with the store's time-based policy
   * (locked in the same apply when immutability is LOCKED: the provider creates, then locks).
   */
  public evidenceContainer(name: string): ITerraformDependable {
    const existing = this.containers.get(name);
    if (existing) return existing.policy;
    requirePattern('containers', name, /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, 'a container name of 3 to 63 lower-case letters, digits and single hyphens', `EvidenceStorage ${this.node.path}`);
    const container = new StorageContainer(this, `Container-${name}`, {
      name,
      storageAccountId: this.account.id,
      containerAccessType: 'private',
      lifecycle: { preventDestroy: true },
    });
    const policy = new StorageContainerImmutabilityPolicy(this, `Immutability-${name}`, {
      storageContainerResourceManagerId: container.id,
      immutabilityPeriodInDays: this.retention.days,
      locked: this.immutability.isLocked,
      protectedAppendWritesEnabled: PROTECTED_APPEND,
      lifecycle: { preventDestroy: true },
    });
    this.containers.set(name, { container, policy });
    return policy;
  }

  /** The names of the evidence containers created so far. */
  public get containerNames(): string[] {
    return [...this.containers.keys()];
  }

  /**
   * Lets a principal add evidence: create blobs and append to them, nothing else. No built-in role
   * is that narrow (Storage Blob Data Contributor can also delete and read), so the kit defines
   * one with only `blobs/write` and `blobs/add/action`. An overwrite creates a new version; the
   * earlier one stays immutable.
   */
  public grantAppend(principalId: string, principalType?: 'User' | 'Group' | 'ServicePrincipal'): RoleAssignment {
    if (!this.appenderRole) {
      this.appenderRole = new RoleDefinition(this, 'AppenderRole', {
        name: `Forensic evidence appender (${this.accountName})`,
        description: 'Create and append evidence blobs; no read, no delete. Managed by the forensic readiness kit.',
        scope: this.resourceGroupId(),
        assignableScopes: [this.resourceGroupId()],
        permissions: [
          {
            actions: [],
            dataActions: [
              'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write',
              'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action',
            ],
            notActions: [],
            notDataActions: [],
          },
        ],
      });
    }
    return this.assign(principalId, { roleDefinitionId: this.appenderRole.roleDefinitionResourceId }, principalType);
  }

  /** Lets a principal (an investigator) read evidence: Storage Blob Data Reader, the narrowest built-in read role. */
  public grantReadEvidence(principalId: string, principalType?: 'User' | 'Group' | 'ServicePrincipal'): RoleAssignment {
    return this.assign(principalId, { roleDefinitionName: 'Storage Blob Data Reader' }, principalType);
  }

  private assign(principalId: string, role: { roleDefinitionId?: string; roleDefinitionName?: string }, principalType?: string): RoleAssignment {
    this.grants += 1;
    return new RoleAssignment(this, `Grant${this.grants}`, {
      scope: this.account.id,
      principalId,
      ...(principalType ? { principalType } : {}),
      ...role,
    });
  }

  /** `/subscriptions/<s>/resourceGroups/<rg>`, cut from the account id: custom roles cannot be scoped to a resource. */
  private resourceGroupId(): string {
    return Fn.join('/', Fn.slice(Fn.split('/', this.account.id), 0, 5));
  }
}
