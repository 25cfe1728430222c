// The standalone API in its own process, as it runs in production: plain `node` on the built
// packages (no TypeScript loader, whose module hooks and source maps the API does not run with),
// LOG_LEVEL from the parent.
import { loadApiEnv, startApi } from '@waypoint/api';

const api = await startApi({ env: loadApiEnv() });
await api.ready;
console.log(JSON.stringify({ url: api.url }));
process.once('SIGTERM', () => {
  void api.stop().then(() => process.exit(0));
});
