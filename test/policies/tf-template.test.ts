/**
 * The Terraform string template scanner (policies/engine/tf-template.ts): literal text,
 * interpolations, directives and escapes, as Terraform JSON writes them.
 */
import { scanTfTemplate, tfAddressTokens, wholeInterpolation } from '../../policies/engine/tf-template';

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

describe('scanTfTemplate fast paths', () => {
  it('reads text around one reference as the full scan does', () => {
    // A trailing `%` is plain text but sends a string through the full scan: the two readings must agree.
    const pieces = ['a', '.', ' ', '{', '}', '"', '/x', 'arn:', 'a', 'b', '$', '%'];
    const refs = ['${a.b}', '${x}', '${', '${a"}"}', '${{}}', ''];
    let seed = 11;
    const next = (k: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) % k);
    const run = (): string => {
      let t = '';
      for (let j = next(4); j > 0; j--) t += pieces[next(pieces.length)];
      return t;
    };
    for (let i = 0; i < 5000; i++) {
      const text = run() + refs[next(refs.length)] + run();
      const fast = scanTfTemplate(text);
      const parts = [...fast.parts];
      const last = parts[parts.length - 1];
      if (typeof last === 'string') parts[parts.length - 1] = `${last}%`;
      else parts.push('%');
      expect(scanTfTemplate(`${text}%`)).toEqual({ parts, directive: fast.directive });
    }
  });

  it.each([
    ['storage.googleapis.com/${google_storage_bucket.b.name}', ['storage.googleapis.com/', { expr: 'google_storage_bucket.b.name' }]],
    ['${azurerm_storage_account.a.id}/blobServices/default', [{ expr: 'azurerm_storage_account.a.id' }, '/blobServices/default']],
    ['a ${x.y} b', ['a ', { expr: 'x.y' }, ' b']],
    ['a ${x.y} b}', ['a ', { expr: 'x.y' }, ' b}']],
  ])('reads %j', (text, parts) => {
    expect(scanTfTemplate(text)).toEqual({ parts, directive: false });
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

describe('tfAddressTokens', () => {
  it.each([
    ['aws_s3_bucket.b.arn', [{ address: 'aws_s3_bucket.b' }]],
    ['aws_s3_bucket.b', [{ address: 'aws_s3_bucket.b' }]],
    ['google_compute_network.vpc-1.self_link.x', [{ address: 'google_compute_network.vpc-1' }]],
    ['azurerm_storage_account.Store_0.primary_blob_endpoint', [{ address: 'azurerm_storage_account.Store_0' }]],
    ['module.net.aws_vpc.main.id', [{ address: 'module.net.aws_vpc.main', instance: undefined }]],
    ['data.aws_caller_identity.me.account_id', [{ address: 'data.aws_caller_identity.me', instance: undefined }]],
    ['aws_s3_bucket.b[0].arn', [{ address: 'aws_s3_bucket.b', instance: '[0]' }]],
    ['var.name', [{ address: 'var.name' }]],
    ['upper(aws_s3_bucket.b.id)', [{ address: 'aws_s3_bucket.b', instance: undefined }]],
    ['aws_s3_bucket.b.arn == aws_s3_bucket.c.arn', [{ address: 'aws_s3_bucket.b', instance: undefined }, { address: 'aws_s3_bucket.c', instance: undefined }]],
    ['aws_s3_bucket.b.1x', [{ address: 'aws_s3_bucket.b', instance: undefined }]],
    ['Aws.b', []],
    ['"text"', []],
  ])('finds the addresses of %j', (expr, tokens) => {
    expect(tfAddressTokens(expr)).toEqual(tokens);
  });

  it('reads a plain traversal as the regular expression with a capture it replaces would', () => {
    // The pattern of the earlier version, kept here as the reference.
    const plain = /^([a-z][a-z0-9_]*)\.[A-Za-z_][A-Za-z0-9_-]*(?=\.[A-Za-z_][A-Za-z0-9_.]*$|$)/;
    const alphabet = ['a', 'z', 'A', '_', '-', '.', '0', '9', '[', ' ', 'module', 'data', 'x.'];
    let seed = 7;
    const next = (k: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) % k);
    for (let i = 0; i < 5000; i++) {
      let expr = '';
      for (let j = 1 + next(9); j > 0; j--) expr += alphabet[next(alphabet.length)];
      const m = plain.exec(expr);
      if (m && m[1] !== 'module' && m[1] !== 'data') expect(tfAddressTokens(expr)).toEqual([{ address: m[0] }]);
      else expect(tfAddressTokens(expr).every((t) => 'instance' in t)).toBe(true);
    }
  });
});
