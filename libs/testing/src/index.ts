// The shared test helpers. Browser helpers load playwright-core, so they have an entry of their
// own, `@todo/testing/browser` (./browser.ts), that tests without a browser never load.
export * from './builds';
export * from './dates';
export * from './http';
export * from './markdown';
export * from './ports';
export * from './process';
export * from './work-tree';
