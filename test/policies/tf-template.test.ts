/**
 * The Terraform string template scanner (policies/engine/tf-template.ts): literal text,
 * interpolations, directives and escapes, as Terraform JSON writes them.
 */
import { scanTfTemplate, wholeInterpolation } from '../../policies/engine/tf-template';

describe('scanTfTemplate', () => {
  it.each([
    ['plain text', ['plain text'], false],
    ['', [''], false],
    ['${aws_s3_bucket.b.arn}', [{ expr: 'aws_s3_bucket.b.arn' }], false],
    ['arn:${aws_s3_bucket.b.arn}/*', ['arn:', { expr: 'aws_s3_bucket.b.arn' }, '/*'], false],
    ['${a.b}${c.d}', [{ expr: 'a.b' }, { expr: 'c.d' }], false],
    ['$${literal} and %%{directive}', ['${literal} and %{directive}'], false],
    ['a$${b}${c.d}e', ['a${b}', { expr: 'c.d' }, 'e'], false],
    ['%{ if x }on%{ endif }', [{ expr: ' if x ' }, 'on', { expr: ' endif ' }], true],
    ['${jsonencode({a = "}"})}', [{ expr: 'jsonencode({a = "}"})' }], false],
    ['cost: $5, 100%', ['cost: $5, 100%'], false],
    ['open ${a.b', ['open ${a.b'], false],
    ['x ${a.b} open ${c', ['x ', { expr: 'a.b' }, ' open ${c'], false],
  ])('scans %j', (text, parts, directive) => {
    expect(scanTfTemplate(text)).toEqual({ parts, directive });
  });
});

describe('wholeInterpolation', () => {
  it('gives the expression of a string that is one whole interpolation', () => {
    expect(wholeInterpolation('${aws_s3_bucket.b.id}')).toBe('aws_s3_bucket.b.id');
    expect(wholeInterpolation('${}')).toBe('');
  });

  it('gives nothing for text around it, nested braces, quotes or several interpolations', () => {
    for (const s of ['${a.b}/x', 'x${a.b}', '${jsonencode({a = 1})}', '${"a"}', '${a.b}${c.d}', '$', '${', 'plain']) {
      expect(wholeInterpolation(s)).toBeUndefined();
    }
  });
});
