import type { CollectionTag, ScalarTag, YAMLMap, YAMLSeq } from 'yaml';

/**
 * CloudFormation's YAML short forms (`!Ref`, `!GetAtt`, `!Sub`, ...) as `yaml` custom tags, each
 * turned into the long form the JSON templates use, so one resolver serves both.
 * Every tag accepts a scalar, a sequence and a mapping: CloudFormation decides what is valid,
 * the loader only translates.
 */
const SHORT_FORMS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  GetAtt: 'Fn::GetAtt',
  Sub: 'Fn::Sub',
  Join: 'Fn::Join',
  If: 'Fn::If',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  ImportValue: 'Fn::ImportValue',
  FindInMap: 'Fn::FindInMap',
  Base64: 'Fn::Base64',
  GetAZs: 'Fn::GetAZs',
  Cidr: 'Fn::Cidr',
  Equals: 'Fn::Equals',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Not: 'Fn::Not',
  Transform: 'Fn::Transform',
  Length: 'Fn::Length',
  ToJsonString: 'Fn::ToJsonString',
};

function scalarTag(tag: string, fn: string): ScalarTag {
  return {
    tag: `!${tag}`,
    // `!GetAtt Bucket.Arn` is the scalar form of `Fn::GetAtt: [Bucket, Arn]` (split at the first dot).
    resolve: (value: string) => {
      if (fn === 'Fn::GetAtt') {
        const dot = value.indexOf('.');
        return { [fn]: dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
      }
      return { [fn]: value };
    },
  };
}

function collectionTag(tag: string, fn: string, collection: 'seq' | 'map'): CollectionTag {
  return {
    tag: `!${tag}`,
    collection,
    resolve: (node: YAMLSeq | YAMLMap) => ({ [fn]: node.toJSON() }),
  } as unknown as CollectionTag;
}

export const CFN_YAML_TAGS: (ScalarTag | CollectionTag)[] = Object.entries(SHORT_FORMS).flatMap(([tag, fn]) => [
  scalarTag(tag, fn),
  collectionTag(tag, fn, 'seq'),
  collectionTag(tag, fn, 'map'),
]);
