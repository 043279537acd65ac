import { Pair, Scalar, YAMLMap, YAMLSeq, isMap, isPair, isScalar, isSeq, visit, type Document, type LineCounter, type Node, type ScalarTag } from 'yaml';
import type { MisreadableValue } from './unresolved';

/**
 * CloudFormation's YAML as cfn-lint and the AWS CLI read it (PyYAML): every local tag `!Name` is the
 * long form `{ "Fn::Name": value }` (`!Ref` and `!Condition` keep their names), and `yes`/`no`/
 * `on`/`off` are booleans (YAML 1.1); a number YAML 1.1 reads otherwise than YAML 1.2 is found
 * (misreadableNumbers) for the CloudFormation loader to give neither meaning. The templates' JSON
 * form is then the only form the resolver sees.
 */

/** Short forms whose long form is not `Fn::` and the name. */
const NOT_FN: ReadonlySet<string> = new Set(['Ref', 'Condition']);

/**
 * YAML 1.1 booleans as PyYAML reads them: `yes`/`no`/`on`/`off` in three cases, besides YAML 1.2's
 * `true`/`false` (`y`/`n` are strings to PyYAML too). Only these: numbers are YAML 1.2, and a
 * number YAML 1.1 reads otherwise (`0755`, `1_000`, `1:30`, `1e3`) is found by misreadableNumbers,
 * never given one of its meanings; dates stay strings (CloudFormation has no timestamp type), so
 * `AWSTemplateFormatVersion: 2010-09-09` is still the string it means.
 */
export const CFN_YAML_TAGS: ScalarTag[] = [
  { tag: 'tag:yaml.org,2002:bool', default: true, test: /^(?:yes|Yes|YES|on|On|ON)$/, resolve: () => true },
  { tag: 'tag:yaml.org,2002:bool', default: true, test: /^(?:no|No|NO|off|Off|OFF)$/, resolve: () => false },
];

/** Whether a tag is a local `!Name` tag (not `!!type`, not verbatim `!<...>`), which expandShortForms reads. */
export function isLocalTag(tag: string): boolean {
  return /^![^!<]/.test(tag);
}

/**
 * Every `!Name` node of a parsed document replaced, in place and before `toJS`, by its long form.
 * A tag CloudFormation does not have (`!Bogus`) becomes `Fn::Bogus` as well: CloudFormation decides
 * whether a function exists, the loader only translates (and the CloudFormation loader names an
 * unknown function in Properties). Outer tags first, so tags inside tagged values are reached too.
 */
export function expandShortForms(doc: Document.Parsed): void {
  visit(doc, {
    Node(_key, node) {
      const tag = node.tag;
      if (!tag || !isLocalTag(tag) || !(isScalar(node) || isMap(node) || isSeq(node))) return undefined;
      const name = tag.slice(1);
      node.tag = undefined;
      let value: Scalar | YAMLMap | YAMLSeq = node;
      if (isScalar(node)) {
        // PyYAML constructs a tagged scalar as its text: `!Sub 5` is the string "5".
        node.value = node.source ?? String(node.value);
        // `!GetAtt Bucket.Arn` is the scalar form of `Fn::GetAtt: [Bucket, Arn]` (split at the first dot).
        if (name === 'GetAtt') {
          const text = node.value as string;
          const dot = text.indexOf('.');
          const seq = new YAMLSeq();
          seq.items.push(...(dot < 0 ? [text] : [text.slice(0, dot), text.slice(dot + 1)]).map((x) => new Scalar(x)));
          value = seq;
        }
      }
      const map = new YAMLMap();
      // An alias of the tagged node (`&x !Ref Q` ... `*x`) means the long form, not the bare value.
      map.anchor = node.anchor;
      node.anchor = undefined;
      map.items.push(new Pair(new Scalar(NOT_FN.has(name) ? name : `Fn::${name}`), value));
      return map;
    },
  });
}

/** A plain scalar as PyYAML (YAML 1.1) resolves it, where it is a number (its int and float resolvers). */
const PY_INT = /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const PY_FLOAT = /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** What PyYAML makes of a plain scalar's text: a number, not a number (a string, a boolean...), or an error (`0x_`). */
type PyReading = { readonly kind: 'number'; readonly value: number } | { readonly kind: 'other' } | { readonly kind: 'error' };

/** PyYAML's construct_yaml_int and construct_yaml_float, on a text its resolvers matched. */
export function pyYamlNumber(text: string): PyReading {
  const isInt = PY_INT.test(text);
  if (!isInt && !PY_FLOAT.test(text)) return { kind: 'other' };
  let v = text.replace(/_/g, '');
  let sign = 1;
  if (v[0] === '-') sign = -1;
  if (v[0] === '-' || v[0] === '+') v = v.slice(1);
  const sexagesimal = (parts: number[]): number => parts.reduceRight((acc, d, i) => acc + d * 60 ** (parts.length - 1 - i), 0);
  let value: number;
  if (isInt) {
    if (v === '0') value = 0;
    else if (v.startsWith('0b')) value = v.length > 2 ? parseInt(v.slice(2), 2) : NaN;
    else if (v.startsWith('0x')) value = v.length > 2 ? parseInt(v.slice(2), 16) : NaN;
    else if (v[0] === '0') value = parseInt(v, 8);
    else if (v.includes(':')) value = sexagesimal(v.split(':').map(Number));
    else value = Number(v);
  } else {
    v = v.toLowerCase();
    if (v === '.inf') value = Infinity;
    else if (v === '.nan') return { kind: 'number', value: NaN };
    else if (v.includes(':')) value = sexagesimal(v.split(':').map(Number));
    else value = v === '.' ? NaN : Number(v);
  }
  return Number.isNaN(value) ? { kind: 'error' } : { kind: 'number', value: sign * value };
}

/** Tags whose scalar the two YAML versions resolve by its text: none (plain), `!!int` and `!!float`. */
const NUMBER_TAGS: ReadonlySet<string | undefined> = new Set([undefined, 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);

/**
 * Every plain scalar (or `!!int`/`!!float` one) that YAML 1.1 and YAML 1.2 read as different
 * numbers, or as a number and as text: `0500` (octal 320 / 500), `0o17`, `0800` and `1e3` (text /
 * a number), `1_000`, `0b101`, `1:30` (a number / text). Each with where it sits (its path, and the
 * paths of the aliases of it) and both readings. Called before the short forms are expanded: a
 * `!Sub 0500` is text to both.
 */
export function misreadableNumbers(doc: Document.Parsed, lines: LineCounter): MisreadableValue[] {
  const found: MisreadableValue[] = [];
  const whyOf = new Map<Node, string>();
  const pathOf = (node: unknown, ancestors: readonly unknown[]): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let i = 0; i < ancestors.length; i++) {
      const a = ancestors[i];
      if (isPair(a) && a.value === (ancestors[i + 1] ?? node)) path.push(isScalar(a.key) ? String(a.key.value) : '?');
      else if (isSeq(a)) path.push(a.items.indexOf((ancestors[i + 1] ?? node) as never));
    }
    return path;
  };
  visit(doc, {
    Scalar(key, node, ancestors) {
      if (node.type !== 'PLAIN' || !NUMBER_TAGS.has(node.tag) || typeof node.source !== 'string') return;
      const why = readingsDiffer(node.source, node.value);
      if (!why) return;
      const path = pathOf(node, ancestors);
      const name = key === 'key' ? `the key ${node.source}` : `${path.length > 0 ? `${path[path.length - 1]}: ` : ''}${node.source}`;
      const text = `${name} at line ${node.range ? lines.linePos(node.range[0]).line : '?'} is ${why}`;
      whyOf.set(node, text);
      found.push({ path: key === 'key' ? path.slice(0, -1) : path, isKey: key === 'key', why: text });
    },
  });
  if (whyOf.size === 0) return found;
  // An alias of such a scalar holds the same text: its place is misread alike.
  visit(doc, {
    Alias(key, node, ancestors) {
      const target = node.resolve(doc);
      const why = target && whyOf.get(target);
      if (why) found.push({ path: pathOf(node, ancestors), isKey: key === 'key', why: `${why} (through the alias *${node.source})` });
    },
  });
  return found;
}

/** `320 to YAML 1.1 (...) and 500 to YAML 1.2`, or undefined when both read the text alike. */
function readingsDiffer(text: string, v12: unknown): string | undefined {
  const v11 = pyYamlNumber(text);
  const isNumber12 = typeof v12 === 'number';
  if (v11.kind === 'other' && !isNumber12) return undefined;
  if (v11.kind === 'number' && isNumber12 && (v11.value === v12 || (Number.isNaN(v11.value) && Number.isNaN(v12)))) return undefined;
  const one = v11.kind === 'number' ? String(v11.value) : v11.kind === 'error' ? 'a number PyYAML fails to read' : `the string ${JSON.stringify(text)}`;
  const two = isNumber12 ? String(v12) : `the string ${JSON.stringify(text)}`;
  return `${one} to YAML 1.1 (PyYAML, which cfn-lint and the AWS CLI read templates with) and ${two} to YAML 1.2`;
}
