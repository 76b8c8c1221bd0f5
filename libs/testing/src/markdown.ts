import { execFileSync } from 'node:child_process';

// Reading the repository's Markdown the way its tests need: fenced shell blocks (the commands a
// reader copies), links, and heading anchors as GitHub renders them. One reader, so the doc tests
// (docs/test) and the quickstart story (infra/k8s/e2e) agree on what a document says.

export interface FencedBlock {
  /** The info string's first word: sh, yaml, … ('' when none). */
  language: string;
  /** The info string's other words: for shell blocks, how the doc tests treat the block. */
  markers: string[];
  body: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** 1-based line of the closing fence (the last line when the block is never closed). */
  endLine: number;
}

export const SHELL_LANGUAGES = ['sh', 'bash', 'shell', 'console'];

/**
 * The user's documents: each of their shell blocks carries one marker saying how it is verified.
 * `checked` blocks run on todo-local (infra/k8s/e2e/10-quickstart.test.ts); `minikube`,
 * `internet` and `manual` ones cannot run there and are checked statically (docs/test).
 */
export const MARKED_DOCUMENTS = [
  'specs/004-phase4-kubernetes/quickstart.md',
  'docs/troubleshooting.md',
] as const;
export const VERIFICATION_MARKERS = ['checked', 'minikube', 'internet', 'manual'] as const;

/** The shell blocks of a Markdown text. */
export const shellBlocks = (markdown: string) =>
  fencedBlocks(markdown).filter((block) => SHELL_LANGUAGES.includes(block.language));

/** Tracked Markdown files, relative to `root` (git's view: nothing ignored, nothing vendored). */
export function markdownFiles(root: string): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.md'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
}

/** Every fenced code block (``` or ~~~), with its info string split into language and markers. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const blocks: FencedBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*([^`]*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const [language = '', ...markers] = open[2]!.trim().split(/\s+/).filter(Boolean);
    const body: string[] = [];
    let end = i + 1;
    while (end < lines.length && !lines[end]!.trim().startsWith(fence)) body.push(lines[end++]!);
    blocks.push({
      language,
      markers,
      body: body.join('\n'),
      line: i + 1,
      endLine: Math.min(end, lines.length - 1) + 1,
    });
    i = end;
  }
  return blocks;
}

/** The text outside fenced blocks and inline code, line for line: where links and headings live. */
export function prose(markdown: string): string {
  const lines = markdown.split('\n');
  for (const block of fencedBlocks(markdown)) lines.fill('', block.line - 1, block.endLine);
  return lines.map((line) => line.replace(/(`+)[\s\S]*?\1/g, '')).join('\n');
}

/** Link targets: inline links and images, reference definitions, and HTML href/src. */
export function linkTargets(markdown: string): string[] {
  const text = prose(markdown);
  return [
    ...[...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!),
    ...[...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]!),
    ...[...text.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((m) => m[1]!),
  ];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function githubSlug(heading: string): string {
  return heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link in a heading keeps only its text
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors a document's headings get, numbered like GitHub's when a heading repeats. */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const source = markdown.split('\n');
  const visible = prose(markdown).split('\n');
  visible.forEach((line, index) => {
    // prose() drops inline code; the slug keeps its text, so read the heading from the source.
    if (!/^ {0,3}#{1,6}\s/.test(line)) return;
    const slug = githubSlug(
      source[index]!.replace(/^ {0,3}#{1,6}\s+/, '').replace(/\s+#+\s*$/, ''),
    );
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count ? `${slug}-${count}` : slug);
  });
  for (const match of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) anchors.add(match[1]!);
  return anchors;
}

/**
 * A shell block as simple commands, each a list of words: comments dropped, continuation lines
 * joined, split at `&&`, `||`, `|`, `;` and newlines. Quotes are removed from words; `$(…)` and
 * variables stay as written. Enough to read the commands a document shows, not a shell.
 */
export function shellCommands(script: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = () => {
    endWord();
    if (words.length) commands.push(words);
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i]!;
    if (c === '\\' && script[i + 1] === '\n') {
      i++;
    } else if (c === "'") {
      const close = script.indexOf("'", i + 1);
      word += script.slice(i + 1, close < 0 ? undefined : close);
      inWord = true;
      i = close < 0 ? script.length : close;
    } else if (c === '"') {
      let j = i + 1;
      for (; j < script.length && script[j] !== '"'; j++) {
        if (script[j] === '\\') j++;
        word += script[j];
      }
      inWord = true;
      i = j;
    } else if (c === '$' && script[i + 1] === '(') {
      let depth = 0;
      let j = i;
      for (; j < script.length; j++) {
        if (script[j] === '(') depth++;
        if (script[j] === ')' && --depth === 0) break;
      }
      word += script.slice(i, j + 1);
      inWord = true;
      i = j;
    } else if (c === '#' && !inWord) {
      while (i + 1 < script.length && script[i + 1] !== '\n') i++;
    } else if ((c === '&' || c === '|') && script[i - 1] === '>') {
      word += c; // a redirection: 2>&1, >|
    } else if (c === '\n' || c === ';' || c === '|' || c === '&') {
      if ((c === '|' || c === '&') && script[i + 1] === c) i++;
      endCommand();
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else {
      word += c;
      inWord = true;
    }
  }
  endCommand();
  return commands;
}
