#!/usr/bin/env node
// Adds up the Jest result files that each project's test target writes (dist/test-results/*.json)
// and prints one closing line, "Tests: N passed, N failed", for people and for CI; above it, each
// failed test with the head of its message, so the end of the log says what failed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'dist/test-results';
const files = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')) : [];
if (files.length === 0) {
  console.error(`No test results in ${dir}: did any test target run?`);
  process.exit(1);
}
let passed = 0;
let failed = 0;
const failures = [];
for (const file of files) {
  const result = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  failures.push(...(result.failures ?? []));
  console.log(
    `${file.replace(/\.json$/, '')}: ${result.numPassedTests} passed, ${result.numFailedTests} failed`,
  );
}
for (const { file, test, message } of failures) {
  console.log(`\n✗ ${file} › ${test}`);
  console.log(message.replace(/^/gm, '    '));
}
console.log(`Tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
