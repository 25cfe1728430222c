export { type ApiServer, type StartApiOptions, startApi } from './app.ts';
export { DEMO_USER } from './demo-seed.ts';
export { type ApiEnv, loadApiEnv } from './env.ts';
