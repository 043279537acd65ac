import { EVIDENCE_SOURCES } from '../../constructs/core/evidence-sources';
import { Rule } from '../engine/types';
import { code, row, text } from './markdown';

const CLOUDS: { id: Rule['cloud']; title: string }[] = [
  { id: 'aws', title: 'AWS' },
  { id: 'gcp', title: 'Google Cloud' },
  { id: 'azure', title: 'Azure' },
];

export const RULES_DOC_COMMAND = 'npx tsx bin/gen-rules-doc.ts';

/** RULES.md: generated from the rule files, so it cannot drift from what the engine checks. */
export function renderRulesMarkdown(rules: readonly Rule[]): string {
  const out: string[] = ['# Forensic readiness rules', ''];
  out.push(`<!-- Generated from policies/rules by \`${RULES_DOC_COMMAND}\`. Do not edit by hand: a test fails when this file is stale. -->`, '');
  const per = CLOUDS.map((c) => `${rules.filter((r) => r.cloud === c.id).length} ${c.title}`).join(', ');
  out.push(`${rules.length} rules (${per}). Errors fail \`forensic-readiness check\`, \`cdk synth\` and \`cdktf synth\`; warnings and values that cannot be known before deploy (UNKNOWN) are reported without failing unless \`--fail-on warning\`. A finding can be acknowledged on one resource with a reason (see the README).`, '');
  out.push('| Rule | Severity | Evidence source | What is wrong when it fires |', '|---|---|---|---|');
  for (const r of rules) out.push(row([`[${code(r.id)}](#${anchor(r.id)})`, r.severity, title(r.evidenceSource), text(r.description)]));
  out.push('');
  for (const c of CLOUDS) {
    const mine = rules.filter((r) => r.cloud === c.id);
    if (mine.length === 0) continue;
    out.push(`## ${c.title}`, '');
    for (const r of mine) {
      out.push(`### ${r.id}`, '');
      out.push(`- Severity: ${r.severity}`);
      out.push(`- Applies to: ${r.appliesTo.map(code).join(', ')}`);
      out.push(`- Evidence source: ${title(r.evidenceSource)} (${code(r.evidenceSource)})`);
      out.push(`- NIST SP 800-86 phase: ${r.nist}`);
      out.push(`- MITRE ATT&CK: ${r.attack.length ? r.attack.join(', ') : 'none'}`);
      out.push(`- MITRE ATLAS: ${r.atlas.length ? r.atlas.join(', ') : 'none'}`);
      if (r.thresholds?.length) out.push(`- Thresholds: ${r.thresholds.map(code).join(', ')}`);
      out.push('', `**What is wrong.** ${text(r.description)}`, '', `**Why it matters.** ${text(r.rationale)}`, '', `**Fix.** ${text(r.fix)}`, '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** `forensic-readiness rules --format json`: the rule metadata, without the functions. */
export function renderRulesJson(rules: readonly Rule[]): string {
  const list = rules.map((r) => ({
    id: r.id,
    cloud: r.cloud,
    severity: r.severity,
    appliesTo: r.appliesTo,
    description: r.description,
    rationale: r.rationale,
    fix: r.fix,
    evidenceSource: r.evidenceSource,
    nist: r.nist,
    attack: r.attack,
    atlas: r.atlas,
    thresholds: r.thresholds ?? [],
  }));
  return `${JSON.stringify({ rules: list }, null, 2)}\n`;
}

function title(id: string): string {
  return EVIDENCE_SOURCES.find((s) => s.id === id)?.title ?? id;
}

/** GitHub's heading anchor: lower case, punctuation but hyphens dropped. */
function anchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 -]/g, '');
}
