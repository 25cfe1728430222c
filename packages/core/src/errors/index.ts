export * from './domain-errors.ts';
export { domainErrorTransport } from './error-map.ts';
