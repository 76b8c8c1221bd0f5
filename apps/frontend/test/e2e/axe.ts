import type { Page } from 'playwright-core';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; returns serious and critical violations, described for a failure message. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // After a client-side navigation Next streams the new <title> in a moment later; give it that
  // moment, and if it never comes, axe reports the missing title.
  await page
    .waitForFunction(() => document.title !== '', undefined, { timeout: 5000 })
    .catch(() => undefined);
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = (await page.evaluate(async () => {
    const result = await (
      window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }
    ).axe.run();
    return result.violations;
  })) as AxeViolation[];
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}
