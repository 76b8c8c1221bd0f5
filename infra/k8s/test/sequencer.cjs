// Runs the cluster test files in name order: smoke tests, then the deployed app, then the
// lifecycle test that takes the cluster down and up again.
const Sequencer = require('@jest/test-sequencer').default;

module.exports = class ByName extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => a.path.localeCompare(b.path));
  }
};
