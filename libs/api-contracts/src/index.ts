export * from './lib/limits';
export * from './lib/auth';
export * from './lib/health';
export * from './lib/problem';
export * from './lib/task';
