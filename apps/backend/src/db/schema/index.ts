export * from './deleted-tasks';
export * from './sessions';
export * from './sign-in-failures';
export * from './tasks';
export * from './users';
