import { startApi } from './app.ts';
import { loadApiEnv } from './env.ts';

const api = await startApi({ env: loadApiEnv() });
api.ready.catch(async () => {
  await api.stop();
  process.exit(1);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    api.app.log.info({ signal }, 'shutting down');
    api.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        api.app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
