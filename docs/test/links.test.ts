import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { headingAnchors, linkTargets, markdownFiles } from '@todo/testing';

// Every relative link in the repository's Markdown reaches a file, and every #anchor a heading
// of it: a moved page or a renamed section breaks the build, not the reader's click.

const ROOT = join(__dirname, '../..');
const files = markdownFiles(ROOT);
const anchorsOf = new Map<string, Set<string>>();
const anchors = (file: string) => {
  if (!anchorsOf.has(file))
    anchorsOf.set(file, headingAnchors(readFileSync(join(ROOT, file), 'utf8')));
  return anchorsOf.get(file)!;
};

/** What is wrong with one link of `file`, or undefined. */
function brokenLink(file: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined; // https:, mailto:, …
  const [path = '', anchor] = target.split('#');
  const resolved = path ? normalize(join(dirname(file), decodeURI(path))) : file;
  if (resolved.startsWith('..')) return `${target} leaves the repository`;
  if (!existsSync(join(ROOT, resolved))) return `${target}: no such file (${resolved})`;
  if (anchor === undefined || !resolved.endsWith('.md')) return undefined;
  if (statSync(join(ROOT, resolved)).isDirectory()) return undefined;
  return anchors(resolved).has(anchor)
    ? undefined
    : `${target}: ${resolved} has no heading #${anchor}`;
}

describe('links between documents', () => {
  it('finds the documents', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'README.md',
        'specs/README.md',
        'specs/004-phase4-kubernetes/quickstart.md',
        'docs/troubleshooting.md',
      ]),
    );
  });

  it.each(files)('%s: every relative link and anchor resolves', (file) => {
    const broken = linkTargets(readFileSync(join(ROOT, file), 'utf8'))
      .map((target) => brokenLink(file, target))
      .filter(Boolean);
    expect(broken).toEqual([]);
  });

  it('the README links the quickstart before any other document', () => {
    const targets = linkTargets(readFileSync(join(ROOT, 'README.md'), 'utf8')).filter(
      (target) => target.endsWith('.md') || target.includes('.md#'),
    );
    expect(targets[0]).toBe('specs/004-phase4-kubernetes/quickstart.md');
  });

  it('specs/README.md indexes every document of the plan', () => {
    const index = new Set(
      linkTargets(readFileSync(join(ROOT, 'specs/README.md'), 'utf8')).map((target) =>
        normalize(join('specs', target.split('#')[0]!)),
      ),
    );
    const planDocuments = files.filter(
      (file) => file.startsWith('specs/') && file !== 'specs/README.md',
    );
    expect(planDocuments.filter((file) => !index.has(file))).toEqual([]);
  });
});
