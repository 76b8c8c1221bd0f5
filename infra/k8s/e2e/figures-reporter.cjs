// Jest reporter: prints the figures the stories measured (figures.ts), one table at the end of
// the run, so they can be read off a CI log without searching through test output.
const { existsSync, readFileSync, rmSync } = require('node:fs');
const { FIGURES_FILE } = require('./paths.cjs');

class FiguresReporter {
  onRunStart() {
    rmSync(FIGURES_FILE, { force: true });
  }

  onRunComplete() {
    if (!existsSync(FIGURES_FILE)) return;
    const figures = readFileSync(FIGURES_FILE, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    const width = Math.max(...figures.map((f) => f.name.length));
    const lines = figures.map(
      (f) => `  ${f.name.padEnd(width)}  ${f.value}${f.unit ? ` ${f.unit}` : ''}`,
    );
    process.stdout.write(`\nFigures measured on the cluster:\n${lines.join('\n')}\n\n`);
  }
}

module.exports = FiguresReporter;
