export * from './auth-users.ts';
export * from './managed.ts';
