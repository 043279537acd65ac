/**
 * The YAML half of parseSource, in a module of its own so that only a YAML input loads the YAML
 * parser: CloudFormation's YAML as cfn-lint and the AWS CLI read it (cfn-yaml.ts), with the line
 * of each key for reports.
 */
import { LineCounter, isPair, isScalar, parseDocument, visit, type Document } from 'yaml';
import { CFN_YAML_TAGS, expandShortForms, isLocalTag, misreadableNumbers } from './cfn-yaml';
import { InputError, oneLine } from './errors';
import { recordMisreadable } from './unresolved';
import { MAX_NESTING, ParsedSource, SourceLocator, firstAfter, tooDeep } from './parse';

/**
 * A YAML text parsed as parseSource parses one (see there); malformed input is an InputError naming
 * the line. `schema` 'cloudformation' reads it as cfn-lint does (YAML 1.1 booleans, `!Name` short
 * forms); '1.2' as YAML 1.2's core schema, with no tag but the schema's own.
 */
export function parseYamlSource(text: string, display: string, schema: 'cloudformation' | '1.2' = 'cloudformation'): ParsedSource {
  const cfn = schema === 'cloudformation';
  const lineCounter = new LineCounter();
  let ydoc: Document.Parsed;
  try {
    // The schema is named, so a `%YAML 1.1` directive of a config file does not bring YAML 1.1's booleans back.
    ydoc = parseDocument(text, cfn ? { customTags: CFN_YAML_TAGS, lineCounter, uniqueKeys: true, prettyErrors: false } : { schema: 'core', version: '1.2', lineCounter, uniqueKeys: true, prettyErrors: false });
  } catch (err) {
    if (isStackOverflow(err)) throw new InputError(`${display}: nested too deeply for the YAML parser; no template nests so deep`);
    throw new InputError(`${display}: malformed YAML: ${oneLine((err as Error).message, 160)}`);
  }
  if (ydoc.errors.length > 0) {
    const e = ydoc.errors[0];
    const pos = lineCounter.linePos(e.pos[0]);
    // The parser turns its own stack overflow into an error at the place it reached.
    if (isStackOverflow(e)) throw new InputError(`${display}: nested too deeply for the YAML parser (its stack ran out at line ${pos.line}, column ${pos.col}); no template nests so deep`);
    throw new InputError(`${display}: malformed YAML at line ${pos.line}, column ${pos.col}: ${firstLine(e.message)}`);
  }
  const unknownTag = ydoc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED' && !(cfn && isLocalTag(/Unresolved tag: (\S+)/.exec(w.message)?.[1] ?? '')));
  if (unknownTag) {
    const pos = lineCounter.linePos(unknownTag.pos[0]);
    const tag = /Unresolved tag: (\S+)/.exec(unknownTag.message)?.[1] ?? 'tag';
    throw new InputError(`${display}: unknown YAML tag ${tag} at line ${pos.line}, column ${pos.col}`);
  }
  const misreadable = cfn ? misreadableNumbers(ydoc, lineCounter) : [];
  if (cfn) expandShortForms(ydoc);
  let doc: unknown;
  try {
    doc = ydoc.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    if (isStackOverflow(err)) throw new InputError(`${display}: nested too deeply for the YAML parser; no template nests so deep`);
    throw new InputError(`${display}: malformed YAML: ${oneLine((err as Error).message, 160)}`);
  }
  const shape = nesting(doc);
  if (shape === 'cycle') throw new InputError(`${display}: a YAML alias refers to a node that holds it (a cycle); give the value itself`);
  if (shape > MAX_NESTING) throw tooDeep(display, ' (YAML)');
  recordMisreadable(doc, misreadable);
  return { doc, syntax: 'yaml', locator: new YamlLocator(ydoc, lineCounter) };
}

function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError || /Maximum call stack size exceeded/.test(String((err as Error)?.message ?? ''));
}

/** How deep a parsed value nests, without recursion; 'cycle' when it holds itself (YAML aliases can). */
function nesting(root: unknown): number | 'cycle' {
  let max = 0;
  const onPath = new Set<object>();
  const seen = new Set<object>(); // a node shared through aliases is walked once
  const stack: { node: object; depth: number; children: unknown[]; next: number }[] = [];
  const enter = (v: unknown, depth: number): boolean => {
    if (v === null || typeof v !== 'object') return true;
    if (onPath.has(v)) return false;
    if (seen.has(v)) return true;
    onPath.add(v);
    seen.add(v);
    if (depth > max) max = depth;
    stack.push({ node: v, depth, children: Array.isArray(v) ? v : Object.values(v), next: 0 });
    return true;
  };
  if (!enter(root, 1)) return 'cycle';
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next >= top.children.length || top.depth > MAX_NESTING) {
      onPath.delete(top.node);
      stack.pop();
      continue;
    }
    if (!enter(top.children[top.next++], top.depth + 1)) return 'cycle';
  }
  return max;
}

function firstLine(message: string): string {
  return oneLine(message.split('\n')[0], 160);
}

class YamlLocator implements SourceLocator {
  private positions?: Map<string, number[]>;

  constructor(private readonly doc: Document.Parsed, private readonly lines: LineCounter) {}

  private readonly byValue = new Map<string, Map<string, number[]>>();

  public lineOf(keys: readonly string[]): number {
    const at = this.offsetOf(keys);
    return at < 0 ? 1 : this.lines.linePos(at).line;
  }

  public lineOfValue(within: readonly string[], key: string, value: string): number | undefined {
    const after = this.offsetOf(within);
    let values = this.byValue.get(key);
    if (!values) {
      values = this.valueIndex(key);
      this.byValue.set(key, values);
    }
    const at = firstAfter(values.get(value) ?? [], after);
    return at === undefined ? undefined : this.lines.linePos(at).line;
  }

  private offsetOf(keys: readonly string[]): number {
    if (!this.positions) this.positions = this.buildIndex();
    let at = -1;
    for (const k of keys) {
      const next = firstAfter(this.positions.get(k) ?? [], at);
      if (next === undefined) break;
      at = next;
    }
    return at;
  }

  /** The offsets of every `key` whose value is a string scalar, by that string, sorted. */
  private valueIndex(key: string): Map<string, number[]> {
    const index = new Map<string, number[]>();
    visit(this.doc, {
      Pair: (_key, pair) => {
        if (isPair(pair) && isScalar(pair.key) && pair.key.range && String(pair.key.value) === key && isScalar(pair.value) && typeof pair.value.value === 'string') {
          const list = index.get(pair.value.value);
          if (list) list.push(pair.key.range[0]);
          else index.set(pair.value.value, [pair.key.range[0]]);
        }
      },
    });
    for (const list of index.values()) list.sort((a, b) => a - b);
    return index;
  }

  private buildIndex(): Map<string, number[]> {
    const index = new Map<string, number[]>();
    visit(this.doc, {
      Pair: (_key, pair) => {
        if (isPair(pair) && isScalar(pair.key) && pair.key.range) {
          const k = String(pair.key.value);
          const list = index.get(k);
          if (list) list.push(pair.key.range[0]);
          else index.set(k, [pair.key.range[0]]);
        }
      },
    });
    for (const list of index.values()) list.sort((a, b) => a - b);
    return index;
  }
}

