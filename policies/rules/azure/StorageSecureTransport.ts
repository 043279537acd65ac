import { isUnresolved } from '../../engine/model';
import { Rule, compliant, nonCompliant, unknown } from '../../engine/types';
import { T, boolAt, isEvidenceStore, strAt, writtenName } from '../../facts/azure';

/**
 * Evidence reaches and leaves the store only over HTTPS with TLS 1.2 or later. azurerm 4.55 defaults:
 * min_tls_version TLS1_2 for new accounts, https_traffic_only_enabled true; TLS1_3 is also accepted.
 * An azurerm 3.x configuration's enable_https_traffic_only is read when https_traffic_only_enabled is not written.
 */
export const StorageSecureTransport: Rule = {
  id: 'AZURE.Storage.SecureTransport',
  cloud: 'azure',
  severity: 'error',
  appliesTo: [T.storageAccount],
  description: 'An evidence storage account accepts plain HTTP or TLS older than 1.2.',
  rationale: 'Evidence read or written over plain HTTP or weak TLS can be observed or altered in transit, which breaks the chain of custody an investigator must show.',
  fix: 'Use EvidenceStorage; or set min_tls_version = "TLS1_2" (or "TLS1_3") and https_traffic_only_enabled = true (or leave both unset) on the azurerm_storage_account.',
  evidenceSource: 'log-integrity',
  nist: 'Collection',
  attack: ['T1530'],
  atlas: [],
  isApplicable: (r, ctx) => isEvidenceStore(ctx.model, r),
  check: (r, ctx) => {
    const tls = strAt(ctx.model, r, 'min_tls_version');
    const https = boolAt(ctx.model, r, 'https_traffic_only_enabled');
    const httpsName = writtenName(r, 'https_traffic_only_enabled');
    if (isUnresolved(tls)) return unknown('min_tls_version cannot be resolved before deploy');
    if (isUnresolved(https)) return unknown(`${httpsName} cannot be resolved before deploy`);
    if (tls !== undefined && tls !== 'TLS1_2' && tls !== 'TLS1_3') return nonCompliant(`min_tls_version is ${tls}; it must be TLS1_2 or TLS1_3`);
    if (https === false) return nonCompliant(`${httpsName} is false: plain HTTP is accepted`);
    return compliant(`min_tls_version ${tls ?? 'absent (provider default TLS1_2)'}, ${httpsName} ${https ?? 'absent (provider default true)'}`);
  },
};
