import { Fn, ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { ManagementLock } from '@cdktf/provider-azurerm/lib/management-lock';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { StorageAccount } from '@cdktf/provider-azurerm/lib/storage-account';
import { StorageContainer } from '@cdktf/provider-azurerm/lib/storage-container';
import { StorageContainerImmutabilityPolicy } from '@cdktf/provider-azurerm/lib/storage-container-immutability-policy';
import { DEFAULT_RETENTION_DAYS, Immutability, lockNotice, PropCheck, PropKeys, Retention, RETENTION_BOUNDS, soakWarning, WARNINGS } from '../core';
import { propCheck } from '../cdktf/props';
import { announces, AZURE_NAMES, azureName, azureTagsProp, guid, nameList, resourceId } from './azure-props';
import { azureTags, IEvidenceStore, kitWarning } from './common';

/** A customer-managed key for the account, held in Key Vault or Managed HSM. */
export interface EvidenceStorageEncryptionKey {
  /** Versionless Key Vault key id (`https://<vault>.vault.azure.net/keys/<name>`). */
  readonly keyVaultKeyId: string;
  /** A user-assigned identity holding Key Vault Crypto Service Encryption User on the key. */
  readonly userAssignedIdentityId: string;
}

/** The props EvidenceStorageEncryptionKey declares: unknown keys are refused (a compile error if this drifts from the interface). */
const EVIDENCE_STORAGE_ENCRYPTION_KEY_KEYS = { keyVaultKeyId: true, userAssignedIdentityId: true } as const satisfies PropKeys<EvidenceStorageEncryptionKey>;

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
  /** Replication. LRS and ZRS keep every copy in one region, and synth warns. @default - 'GRS' (a second region keeps a copy) */
  readonly replication?: (typeof REPLICATION_TYPES)[number];
  /** Subnets allowed through the firewall (investigators' workstations, private runners), by subnet id. @default - none */
  readonly allowedSubnetIds?: string[];
  /**
   * Public IPv4 addresses or CIDR ranges allowed through the firewall. Refused: IPv6, private
   * (RFC 1918) ranges, ranges covering them (`0.0.0.0/0`), /31 and /32 (give the bare address),
   * as the storage firewall does; a range wider than /16 warns. @default - none
   */
  readonly allowedIpRanges?: string[];
  /** Tags added to every resource. @default - the kit's evidence tags only */
  readonly tags?: Record<string, string>;
}

/** The props EvidenceStorageProps declares: unknown keys are refused (a compile error if this drifts from the interface). */
const EVIDENCE_STORAGE_PROPS_KEYS = { resourceGroupName: true, location: true, accountName: true, retention: true, immutability: true, accountPolicyLocked: true, containers: true, softDeleteRetention: true, changeFeedRetention: true, encryptionKey: true, replication: true, allowedSubnetIds: true, allowedIpRanges: true, tags: true } as const satisfies PropKeys<EvidenceStorageProps>;

/** The replication types of a StorageV2 account; LRS and ZRS keep every copy in one region. */
export const REPLICATION_TYPES = ['LRS', 'ZRS', 'GRS', 'GZRS', 'RAGRS', 'RAGZRS'] as const;

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
  private readonly check: PropCheck;
  private appenderRole?: RoleDefinition;
  private grants = 0;
  private tokenContainers = 0;

  constructor(scope: Construct, id: string, props: EvidenceStorageProps) {
    super(scope, id);
    const where = `EvidenceStorage ${this.node.path}`;
    const check = propCheck(this);
    this.check = check;
    props = check.props<EvidenceStorageProps>('props', props, EVIDENCE_STORAGE_PROPS_KEYS, 'an EvidenceStorageProps object');
    const resourceGroupName = azureName(check, 'resourceGroupName', props.resourceGroupName, AZURE_NAMES.resourceGroup);
    const location = azureName(check, 'location', props.location, AZURE_NAMES.location);
    const accountName = azureName(check, 'accountName', props.accountName, AZURE_NAMES.storageAccount);
    const retention = check.retention('retention', props.retention, RETENTION_BOUNDS.azureImmutability, Retention.default());
    const softDelete = check.retention('softDeleteRetention', props.softDeleteRetention, RETENTION_BOUNDS.azureSoftDelete, Retention.days(RETENTION_BOUNDS.azureSoftDelete.maxDays));
    const changeFeed = check.retention('changeFeedRetention', props.changeFeedRetention, RETENTION_BOUNDS.azureChangeFeed, retention);
    const immutability = check.immutability('immutability', props.immutability);
    const accountLocked = check.bool('accountPolicyLocked', props.accountPolicyLocked, false);
    if (accountLocked && !immutability.isLocked) {
      check.fail('accountPolicyLocked', true, 'false while immutability is SOAK (a soak trial must stay reversible)');
    }
    const replication = check.oneOf('replication', props.replication, REPLICATION_TYPES, 'GRS');
    const ipRanges = allowedIpRanges(check, props.allowedIpRanges);
    const subnets = check.list<unknown>('allowedSubnetIds', props.allowedSubnetIds, { unique: true, expected: 'a list of subnet ids' }, []);
    if (!check.isToken(subnets)) subnets.forEach((s, i) => resourceId(check, `allowedSubnetIds[${i}]`, s, 'Microsoft.Network/virtualNetworks/subnets'));
    const key = encryptionKey(check, props.encryptionKey);
    const extraContainers = nameList(check, 'containers', props.containers, AZURE_NAMES.container, {}, []);
    const userTags = azureTagsProp(check, 'tags', props.tags);
    this.retention = retention;
    this.immutability = immutability;
    this.accountName = accountName;
    this.location = location;

    const tags = azureTags('evidence-immutability', true, userTags);
    this.account = new StorageAccount(this, 'Resource', {
      name: accountName,
      resourceGroupName,
      location,
      accountKind: 'StorageV2',
      accountTier: 'Standard',
      accountReplicationType: replication,
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
        ipRules: [...ipRanges.ranges],
        virtualNetworkSubnetIds: [...(subnets as string[])],
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
      ...(key
        ? {
            identity: { type: 'UserAssigned', identityIds: [key.userAssignedIdentityId] },
            customerManagedKey: { keyVaultKeyId: key.keyVaultKeyId, userAssignedIdentityId: key.userAssignedIdentityId },
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

    for (const name of extraContainers) this.evidenceContainer(name);

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
    const below = (r: Retention) => !check.isToken(r.days) && r.days < DEFAULT_RETENTION_DAYS;
    if (below(retention)) {
      kitWarning(
        this,
        WARNINGS.SHORT_RETENTION,
        `${where}: retention ${retention.days} days is below the kit's floor of ${DEFAULT_RETENTION_DAYS} days.` + announces('AZURE.Storage.ImmutabilityPolicy'),
      );
    }
    if (below(softDelete)) {
      kitWarning(
        this,
        WARNINGS.SHORT_RETENTION,
        `${where}: softDeleteRetention ${softDelete.days} days is below the kit's floor of ${DEFAULT_RETENTION_DAYS} days; a deletion noticed later cannot be undone.` +
          announces('AZURE.Storage.SoftDelete'),
      );
    }
    if (below(changeFeed)) {
      kitWarning(
        this,
        WARNINGS.SHORT_RETENTION,
        `${where}: changeFeedRetention ${changeFeed.days} days is below the kit's floor of ${DEFAULT_RETENTION_DAYS} days; older changes to the evidence leave no record.` +
          announces('AZURE.Storage.ChangeFeed'),
      );
    }
    if (replication === 'LRS' || replication === 'ZRS') {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: replication ${replication} keeps every copy in one region; a regional outage or disaster can take the evidence with it. Use GRS or GZRS.`);
    }
    for (const wide of ipRanges.wide) {
      kitWarning(this, WARNINGS.WEAKENED_DEFAULT, `${where}: allowedIpRanges ${wide} lets a wide range of public addresses through the firewall; list the investigators' own addresses instead.`);
    }
  }

  /**
   * The evidence container of that name, created once with the store's time-based policy
   * (locked in the same apply when immutability is LOCKED: the provider creates, then locks).
   */
  public evidenceContainer(name: string): ITerraformDependable {
    const existing = this.containers.get(name);
    if (existing) return existing.policy;
    azureName(this.check, 'containers', name, AZURE_NAMES.container);
    // A token name cannot be part of a construct id; it is numbered in the order of creation.
    const suffix = this.check.isToken(name) ? `token${++this.tokenContainers}` : name;
    const container = new StorageContainer(this, `Container-${suffix}`, {
      name,
      storageAccountId: this.account.id,
      containerAccessType: 'private',
      lifecycle: { preventDestroy: true },
    });
    const policy = new StorageContainerImmutabilityPolicy(this, `Immutability-${suffix}`, {
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
    guid(this.check, 'principalId', principalId);
    if (principalType !== undefined) this.check.oneOf('principalType', principalType, ['User', 'Group', 'ServicePrincipal']);
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

/** IPv4 ranges of RFC 1918, which the storage firewall refuses in an IP rule. */
const PRIVATE_RANGES: readonly [number, number][] = [
  [0x0a000000, 8],
  [0xac100000, 12],
  [0xc0a80000, 16],
];
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;
/** A range wider than this prefix warns. */
const WIDE_PREFIX = 16;

function overlaps(a: number, aBits: number, b: number, bBits: number): boolean {
  const bits = Math.min(aBits, bBits);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

/** The firewall's IP rules as the storage firewall accepts them, and those wide enough to warn. */
function allowedIpRanges(check: PropCheck, value: unknown): { ranges: readonly string[]; wide: string[] } {
  const expected = 'a public IPv4 address or CIDR range of prefix /0 to /30 that does not reach into a private (RFC 1918) range';
  const ranges = check.list<unknown>('allowedIpRanges', value, { unique: true, expected: 'a list of public IPv4 addresses or CIDR ranges' }, []);
  const wide: string[] = [];
  if (check.isToken(ranges)) return { ranges: ranges as string[], wide };
  ranges.forEach((range, i) => {
    const prop = `allowedIpRanges[${i}]`;
    if (check.isToken(range)) return;
    const m = typeof range === 'string' ? IPV4.exec(range) : null;
    if (!m) check.fail(prop, range, expected);
    const octets = m.slice(1, 5).map(Number);
    const bits = m[5] === undefined ? 32 : Number(m[5]);
    if (octets.some((o) => o > 255) || bits > 32) check.fail(prop, range, expected);
    if (m[5] !== undefined && bits > 30) check.fail(prop, range, `${expected} (give a single address without /31 or /32)`);
    const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
    if (PRIVATE_RANGES.some(([p, pBits]) => overlaps(address, bits, p, pBits))) check.fail(prop, range, `${expected} (private ranges are refused by the storage firewall)`);
    if (bits < WIDE_PREFIX) wide.push(range as string);
  });
  return { ranges: ranges as string[], wide };
}

const KEY_VAULT_KEY_ID = /^https:\/\/[^/\s]+\/keys\/[a-zA-Z0-9-]{1,127}$/;

/** The customer-managed key: a versionless Key Vault (or Managed HSM) key id and a user-assigned identity. */
function encryptionKey(check: PropCheck, value: unknown): EvidenceStorageEncryptionKey | undefined {
  if (value === undefined) return undefined;
  const key = check.props<EvidenceStorageEncryptionKey>('encryptionKey', value, EVIDENCE_STORAGE_ENCRYPTION_KEY_KEYS, 'an EvidenceStorageEncryptionKey { keyVaultKeyId, userAssignedIdentityId }');
  check.string('encryptionKey.keyVaultKeyId', key.keyVaultKeyId, { pattern: KEY_VAULT_KEY_ID, expected: 'a versionless key id such as https://<vault>.vault.azure.net/keys/<name>' });
  resourceId(check, 'encryptionKey.userAssignedIdentityId', key.userAssignedIdentityId, 'Microsoft.ManagedIdentity/userAssignedIdentities');
  return key;
}
