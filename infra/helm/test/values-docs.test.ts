import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chartDir } from './render';

// README.md's parameter table is generated from values.yaml's `## @param` comments by bitnami's
// readme-generator, which also fails when a key has no comment or a comment no key.
it('README.md documents every value, exactly as values.yaml does (nx run chart:helm-docs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'todo-chart-docs-'));
  try {
    const readme = join(dir, 'README.md');
    copyFileSync(join(chartDir, 'README.md'), readme);
    const generator = resolve(__dirname, '../../../node_modules/.bin/readme-generator');
    execFileSync(generator, ['--values', join(chartDir, 'values.yaml'), '--readme', readme], {
      stdio: 'pipe',
    });
    expect(readFileSync(join(chartDir, 'README.md'), 'utf8')).toBe(readFileSync(readme, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
