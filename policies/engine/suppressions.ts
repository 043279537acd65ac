import { InputError } from './errors';
import { ReadOptions, readTextInput } from './fs';
import { parseSource } from './parse';
import { Resource, Suppression } from './types';

/**
 * Acknowledgements: one rule, one resource, one reason an auditor can read. They live in the
 * synthesized template (CloudFormation resource `Metadata`, Terraform `//` metadata) under this
 * key, so every tool that reads the template sees what was waived and why:
 * `"forensic-readiness": { "acknowledgements": [{ "ruleId": "...", "reason": "..." }] }`.
 */
export const SUPPRESSION_METADATA_KEY = 'forensic-readiness';

// What an acknowledgement's reason must be is one definition for the checks and the constructs'
// acknowledgeKitWarning alike: constructs/core holds it (constructs never import policies).
import { acknowledgementProblem } from '../../constructs/core/acknowledgement';
export { MIN_REASON_LENGTH, REASON_EXPECTED, acknowledgementProblem } from '../../constructs/core/acknowledgement';

/**
 * What is wrong with a template's acknowledgements for a run of the rules `known`: the first that
 * names a rule id none of them has, or undefined. Such a template is not judged (the CLI names it
 * as an input not read, in synth it fails), as a suppressions file naming one is refused: a
 * misspelt id would waive nothing and be listed in no report.
 */
export function unknownAcknowledgement(template: { readonly file: string; readonly resources: readonly Resource[] }, known: ReadonlySet<string>): string | undefined {
  for (const r of template.resources) {
    const ack = r.suppressions.find((a) => !known.has(a.ruleId));
    if (ack !== undefined) return `${template.file}: ${r.address}: acknowledgement of unknown rule id ${JSON.stringify(ack.ruleId)} (the rule ids are in RULES.md); it would waive nothing and be listed in no report`;
  }
  return undefined;
}

/** The acknowledgements of a resource that states none: one shared, frozen empty list. */
export const NO_SUPPRESSIONS: readonly Suppression[] = Object.freeze([]);

/**
 * The acknowledgements recorded in one resource's metadata object (the value under
 * SUPPRESSION_METADATA_KEY). Malformed or too-short entries are input errors naming `where`.
 */
export function parseAcknowledgements(meta: unknown, where: string): Suppression[] {
  if (meta === undefined || meta === null) return [];
  if (typeof meta !== 'object' || Array.isArray(meta)) {
    throw new InputError(`${where}: ${SUPPRESSION_METADATA_KEY} metadata must be an object with an acknowledgements list`);
  }
  const list = (meta as Record<string, unknown>).acknowledgements;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new InputError(`${where}: ${SUPPRESSION_METADATA_KEY}.acknowledgements must be a list`);
  return list.map((entry) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      throw new InputError(`${where}: each acknowledgement must be an object with ruleId and reason`);
    }
    const { ruleId, reason } = entry as Record<string, unknown>;
    // An ignored key (an `expires`, an `address`) would make the acknowledgement wider than written.
    const unknown = Object.keys(entry).find((k) => k !== 'ruleId' && k !== 'reason');
    if (unknown !== undefined) throw new InputError(`${where}: acknowledgement has unknown key ${JSON.stringify(unknown)} (an acknowledgement in a template has ruleId and reason only)`);
    const problem = acknowledgementProblem(ruleId, reason);
    if (problem) throw new InputError(`${where}: acknowledgement ${problem}`);
    return { ruleId: (ruleId as string).trim(), reason: (reason as string).trim(), source: 'template' as const };
  });
}

/** One entry of a suppressions file: for templates nobody can edit (a plan JSON keeps no `//` metadata). */
export interface SuppressionFileEntry {
  /** The id of the rule acknowledged. */
  readonly ruleId: string;
  /** The CloudFormation logical id or the Terraform address. */
  readonly address: string;
  /** Only in this input file (as the report shows it); every file when absent. */
  readonly file?: string;
  /** Why it is acknowledged, in words an auditor can read. */
  readonly reason: string;
}

/** The keys an entry of a suppressions file may have (any other is refused). */
const ENTRY_KEYS: readonly string[] = ['ruleId', 'address', 'file', 'reason'];

/**
 * Read a suppressions file: `{ "acknowledgements": [{ "ruleId", "address", "file"?, "reason" }] }`
 * (JSON or YAML). Rule ids must be among `knownRuleIds`: a typo must not silently waive nothing.
 * Any other key, of the file or of an entry, is refused: an ignored `File` or `expires` would
 * make the waiver wider than written.
 */
export function loadSuppressionsFile(path: string, display: string, knownRuleIds: ReadonlySet<string>, options: ReadOptions = {}): SuppressionFileEntry[] {
  const { doc } = parseSource(readTextInput(path, display, options), display, { yaml: '1.2' });
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || !Array.isArray((doc as Record<string, unknown>).acknowledgements)) {
    throw new InputError(`${display}: a suppressions file must be an object with an acknowledgements list`);
  }
  const other = Object.keys(doc).find((k) => k !== 'acknowledgements');
  if (other !== undefined) throw new InputError(`${display}: unknown key ${JSON.stringify(other)} (a suppressions file holds only acknowledgements)`);
  return ((doc as Record<string, unknown>).acknowledgements as unknown[]).map((entry, i) => {
    const where = `${display}: acknowledgement ${i + 1}`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) throw new InputError(`${where} must be an object with ruleId, address and reason`);
    // A key the format does not define (`File`, `expires`) would be dropped unseen: the entry would
    // waive in every file, or forever, which is wider than its author wrote.
    const unknown = Object.keys(entry).find((k) => !ENTRY_KEYS.includes(k));
    if (unknown !== undefined) throw new InputError(`${where}: unknown key ${JSON.stringify(unknown)} (known: ${ENTRY_KEYS.join(', ')})`);
    const { ruleId, address, file, reason } = entry as Record<string, unknown>;
    const problem = acknowledgementProblem(ruleId, reason);
    if (problem) throw new InputError(`${where}: ${problem}`);
    if (typeof address !== 'string' || address.trim() === '') throw new InputError(`${where}: address must be a non-empty string`);
    if (file !== undefined && typeof file !== 'string') throw new InputError(`${where}: file must be a string`);
    if (!knownRuleIds.has((ruleId as string).trim())) throw new InputError(`${where}: unknown rule id ${JSON.stringify(ruleId)}`);
    return { ruleId: (ruleId as string).trim(), address: address.trim(), file: file as string | undefined, reason: (reason as string).trim() };
  });
}

/**
 * Resources with the file's acknowledgements added (new objects; the inputs stay as loaded).
 * An entry that matches no resource is an input error: it would waive nothing, silently.
 */
export function withFileSuppressions(resources: readonly Resource[], entries: readonly SuppressionFileEntry[], display: string): Resource[] {
  if (entries.length === 0) return [...resources];
  const byAddress = new Map<string, SuppressionFileEntry[]>();
  for (const e of entries) byAddress.set(e.address, [...(byAddress.get(e.address) ?? []), e]);
  const used = new Set<SuppressionFileEntry>();
  const out = resources.map((r) => {
    const mine = (byAddress.get(r.address) ?? []).filter((e) => e.file === undefined || e.file === r.sourceFile);
    if (mine.length === 0) return r;
    mine.forEach((e) => used.add(e));
    return { ...r, suppressions: [...r.suppressions, ...mine.map((e) => ({ ruleId: e.ruleId, reason: e.reason, source: 'file' as const }))] };
  });
  const unused = entries.find((e) => !used.has(e));
  if (unused) throw new InputError(`${display}: acknowledgement of ${unused.ruleId} names ${unused.address}${unused.file ? ` in ${unused.file}` : ''}, which no input holds`);
  return out;
}
