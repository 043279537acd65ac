import { Pair, Scalar, YAMLMap, YAMLSeq, isMap, isScalar, isSeq, visit, type Document, type ScalarTag } from 'yaml';

/**
 * CloudFormation's YAML as cfn-lint and the AWS CLI read it (PyYAML): every local tag `!Name` is the
 * long form `{ "Fn::Name": value }` (`!Ref` and `!Condition` keep their names), and `yes`/`no`/
 * `on`/`off` are booleans (YAML 1.1). The templates' JSON form is then the only form the resolver sees.
 */

/** Short forms whose long form is not `Fn::` and the name. */
const NOT_FN: ReadonlySet<string> = new Set(['Ref', 'Condition']);

/**
 * YAML 1.1 booleans as PyYAML reads them: `yes`/`no`/`on`/`off` in three cases, besides YAML 1.2's
 * `true`/`false` (`y`/`n` are strings to PyYAML too). Only these: numbers stay YAML 1.2 (`0755` is
 * 755, `1:30` a string) and dates stay strings (CloudFormation has no timestamp type), so
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
