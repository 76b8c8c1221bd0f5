import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

// Shared with the reporters, which are plain CommonJS.
const { FIGURES_FILE } = require('./paths.cjs') as { FIGURES_FILE: string };

/**
 * Prints a measured figure and records it for the suite's closing table (figures-reporter.cjs).
 * Figures are reported, never asserted: speed is for benchmarks, behaviour for tests.
 */
export function figure(name: string, value: number | string, unit = 's'): void {
  const line = { name, value, unit, test: expect.getState().currentTestName ?? '' };
  mkdirSync(dirname(FIGURES_FILE), { recursive: true });
  appendFileSync(FIGURES_FILE, `${JSON.stringify(line)}\n`);
  console.log(`figure: ${name}: ${value}${unit ? ` ${unit}` : ''}`);
}
