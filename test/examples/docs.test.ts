/**
 * The README and the guides show the example files as they are (bin/gen-readme.ts copies them),
 * every example is tested, and every relative link of the docs points at a file that exists.
 */
import * as fs from 'fs';
import * as path from 'path';
import { README_COMMAND, ROOT, documents, examplesNamedIn, readExample, withExamples } from '../../bin/gen-readme';

const docs = documents().filter((d) => fs.existsSync(d));
const rel = (p: string): string => path.relative(ROOT, p).split(path.sep).join('/');
const read = (p: string): string => fs.readFileSync(p, 'utf8');

/** GitHub's anchors of a Markdown file's headings: lower case, spaces to hyphens, other punctuation dropped. */
function headingAnchors(markdown: string): string[] {
  const headings = markdown.replace(/```[\s\S]*?```/g, '').match(/^#{1,6} .+$/gm) ?? [];
  return headings.map((h) => h.replace(/^#+ /, '').trim().toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-'));
}

/** Every .ts file under examples/. */
function exampleFiles(dir = path.join(ROOT, 'examples')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? exampleFiles(p) : e.name.endsWith('.ts') ? [rel(p)] : [];
  });
}

describe('docs', () => {
  test.each(docs.map((d) => [rel(d), d]))(`%s shows the example files as they are (regenerate: ${README_COMMAND})`, (_name, doc) => {
    const text = read(doc);
    expect(text).toBe(withExamples(text, (f) => readExample(f), rel(doc)));
  });

  test.each([...docs, path.join(ROOT, 'CONTRIBUTING.md')].map((d) => [rel(d), d]))('%s has no TypeScript block that is not a generated, tested example', (_name, doc) => {
    const outside = read(doc).replace(/<!-- example:[^>]*-->[\s\S]*?<!-- \/example -->/g, '');
    const blocks = outside.match(/^```(ts|typescript|js|javascript|tsx)\b.*$/gm) ?? [];
    expect(blocks).toEqual([]);
  });

  test('the README shows the quick start of every cloud', () => {
    expect(examplesNamedIn(read(path.join(ROOT, 'README.md')))).toEqual(['examples/aws/quick-start.ts', 'examples/gcp/quick-start.ts', 'examples/azure/quick-start.ts']);
  });

  test('every example is synthesized by the examples test', () => {
    const tested = read(path.join(__dirname, 'examples.test.ts'));
    expect(exampleFiles().filter((f) => !tested.includes(`('${f}')`))).toEqual([]);
  });

  test.each([...docs, path.join(ROOT, 'CONTRIBUTING.md')].map((d) => [rel(d), d]))('the relative links of %s point at files and headings that exist', (_name, doc) => {
    const text = read(doc).replace(/```[\s\S]*?```/g, '');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/.test(t) && !t.startsWith('#'));
    const missing = targets.filter((t) => {
      const [file, anchor] = t.split('#');
      const target = path.resolve(path.dirname(doc), file);
      if (!fs.existsSync(target)) return true;
      return anchor !== undefined && target.endsWith('.md') && !headingAnchors(read(target)).includes(anchor);
    });
    expect(missing).toEqual([]);
  });
});

describe('bin/gen-readme.ts', () => {
  const files: Record<string, string> = { 'examples/a.ts': 'const a = 1;\n' };
  const fromFiles = (f: string): string => {
    if (!(f in files)) throw new Error(`example file ${f} does not exist`);
    return files[f];
  };

  test('fills a block with the file, in a ts fence, and leaves the rest of the document alone', () => {
    const doc = 'before\n<!-- example:examples/a.ts -->\nstale\n<!-- /example -->\nafter\n';
    expect(withExamples(doc, fromFiles)).toBe('before\n<!-- example:examples/a.ts -->\n```ts\nconst a = 1;\n```\n<!-- /example -->\nafter\n');
  });

  test('is stable: a filled document is unchanged', () => {
    const once = withExamples('<!-- example:examples/a.ts -->\n<!-- /example -->\n', fromFiles);
    expect(withExamples(once, fromFiles)).toBe(once);
  });

  test('fails on a block without its closing marker', () => {
    expect(() => withExamples('<!-- example:examples/a.ts -->\ncode\n', fromFiles, 'README.md')).toThrow(/README\.md: 1 example block\(s\) without <!-- \/example -->/);
  });

  test('fails on a file that does not exist', () => {
    expect(() => withExamples('<!-- example:examples/missing.ts -->\n<!-- /example -->', fromFiles)).toThrow(/examples\/missing\.ts does not exist/);
  });

  test('fails on a path outside examples/', () => {
    expect(() => withExamples('<!-- example:bin/cli.ts -->\n<!-- /example -->', fromFiles)).toThrow(/must be a \.ts file under examples\/, got bin\/cli\.ts/);
  });
});
