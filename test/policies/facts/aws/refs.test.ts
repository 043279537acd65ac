/**
 * render (facts/aws/refs.ts) writes a CloudFormation value as the one string the AWS rules compare:
 * Fn::Sub substitutes each `${...}` up to its first `}`, as CloudFormation does, and whatever only
 * the deploy knows makes the whole text UNRESOLVED.
 */
import { UNRESOLVED } from '../../../../policies/engine/model';
import { refIndex, render, shownText, valuePresence } from '../../../../policies/facts/aws/refs';
import { cfnModel } from '../../helpers';

const model = cfnModel({
  Parameters: { Stage: { Type: 'String', Default: 'prod' }, Open: { Type: 'String' }, Empty: { Type: 'String', Default: '' } },
  Resources: {
    Named: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::Sub': 'logs-${Stage}' } } },
    Generated: { Type: 'AWS::S3::Bucket', Properties: {} },
    Trail: { Type: 'AWS::CloudTrail::Trail', Properties: {} },
  },
});
const trail = model.byAddress('Trail')!;
const sub = (arg: unknown) => render(model, { 'Fn::Sub': arg }, trail);
const generated = refIndex(model).keyOf(model.byAddress('Generated')!);

describe('render: Fn::Sub', () => {
  test('substitutes parameters, pseudo parameters, resources and their attributes, in order', () => {
    expect(sub('${Stage}-${AWS::Region}-${Named}-${Named.Arn}/x')).toBe('prod-{{AWS.Region}}-logs-prod-arn:aws:s3:::logs-prod/x');
    expect(sub('${AWS::Partition}:${Generated}')).toBe(`aws:${generated}`);
    expect(generated).toMatch(/^\{\{bucket-\d+\}\}$/);
  });

  test('reads its variables first, keeps `${!x}` as the literal `${x}`, and ends each `${` at its first `}`', () => {
    expect(sub(['${A}-${Stage}-${B}', { A: 'a', B: { Ref: 'Named' } }])).toBe('a-prod-logs-prod');
    expect(sub('${!Literal}-${Stage}')).toBe('${Literal}-prod');
    expect(sub('a}${Stage}}b')).toBe('a}prod}b');
    expect(sub('${Stage${Stage}')).toBe(UNRESOLVED);
    expect(sub('no variables')).toBe('no variables');
    expect(sub('unclosed ${Stage')).toBe('unclosed ${Stage');
    expect(sub('${Stage}-unclosed ${Stage')).toBe('prod-unclosed ${Stage');
    expect(sub('')).toBe('');
  });

  test('is UNRESOLVED when any variable is known only at deploy, wherever it stands', () => {
    for (const t of ['${Open}', 'x-${Open}-${Stage}', '${Stage}-${Open}', '${Missing.Arn}', '${}']) expect(sub(t)).toBe(UNRESOLVED);
    expect(sub(42)).toBe(UNRESOLVED);
  });
});

describe('render and valuePresence: Ref', () => {
  test('a parameter reads as its default, a resource as its key, a parameter without one as UNRESOLVED', () => {
    expect(render(model, { Ref: 'Stage' }, trail)).toBe('prod');
    expect(render(model, { Ref: 'Named' }, trail)).toBe('logs-prod');
    expect(render(model, { Ref: 'Open' }, trail)).toBe(UNRESOLVED);
    expect(['Stage', 'Named', 'Generated', 'Open', 'Empty', 'AWS::NoValue'].map((n) => valuePresence(model, { Ref: n }, trail))).toEqual(['present', 'present', 'present', 'unknown', 'absent', 'unknown']);
  });
});

describe('shownText: rendered values in messages', () => {
  test("writes the kit's tokens as Fn::Sub writes them, and leaves other text alone", () => {
    expect(shownText(model, sub('${Trail}:${Trail.Arn}:${AWS::Region}') as string)).toBe('${Trail}:${Trail.Arn}:${AWS::Region}');
    expect(shownText(model, generated)).toBe('${Generated}');
    expect(shownText(model, 'arn:aws:s3:::logs-prod/')).toBe('arn:aws:s3:::logs-prod/');
    expect(shownText(model, '{{ref-999}}')).toBe('{{ref-999}}');
  });
});
