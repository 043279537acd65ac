import { resourceFact } from '../../engine/model';
import { Rule } from '../../engine/types';
import { LINKS, T, judgePreventDestroy, pointersTo, tagValue } from '../../facts/azure';
import { TAG_KEYS } from '../../../constructs/core/tags';

/** A workspace that receives evidence: a diagnostic setting or flow-log traffic analytics writes into it, or it is tagged as an evidence store. */
const RECEIVES_EVIDENCE = resourceFact('Azure receives evidence', (model, ws) =>
    tagValue(model, ws, TAG_KEYS.evidenceStore) === 'true' ||
    pointersTo(model, ws, LINKS.diagnosticWorkspace).length > 0 ||
    pointersTo(model, ws, LINKS.aadWorkspace).length > 0 ||
    model.referrers(ws, T.flowLog).length > 0,
);

/**
 * `lifecycle { prevent_destroy = true }` on a Log Analytics workspace that receives evidence. A
 * warning: the workspace is the queryable copy, not the immutable one (a workspace owner can purge
 * data), but destroying it loses every record still inside its interactive and long-term retention.
 */
export const LogAnalyticsPreventDestroy: Rule = {
  id: 'AZURE.LogAnalytics.PreventDestroy',
  cloud: 'azure',
  severity: 'warning',
  appliesTo: [T.logAnalyticsWorkspace],
  description: 'A Log Analytics workspace that receives evidence can be destroyed by Terraform (lifecycle.prevent_destroy is not true).',
  rationale: 'A renamed construct or a changed ForceNew attribute would replace the workspace, and with it the queryable history investigators search first (sign-ins, activity, flows); prevent_destroy makes Terraform refuse such a plan.',
  fix: 'Use LogAnalytics (it sets prevent_destroy); or add lifecycle { prevent_destroy = true } to the azurerm_log_analytics_workspace (cdktf: lifecycle: { preventDestroy: true }).',
  evidenceSource: 'control-plane-audit',
  nist: 'Examination',
  attack: ['T1485', 'T1562.008', 'T1685.002'],
  atlas: [],
  isApplicable: (r, ctx) => RECEIVES_EVIDENCE(ctx.model, r),
  check: (r, ctx) => judgePreventDestroy(ctx.model, r),
};
