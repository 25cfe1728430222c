import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics for `/metrics`: process defaults, request latency by route, and replies
 * generating or waiting for a slot (read at scrape time from `chatLoad`).
 */
export function createMetrics(chatLoad?: () => { active: number; waiting: number }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'waypoint_' });
  const httpDuration = new Histogram({
    name: 'waypoint_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  if (chatLoad) {
    new Gauge({
      name: 'waypoint_chat_replies',
      help: 'Chat replies in this process, by state: generating, or waiting for a slot',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const load = chatLoad();
        this.set({ state: 'generating' }, load.active);
        this.set({ state: 'waiting' }, load.waiting);
      },
    });
  }
  return { registry, httpDuration };
}

export type Metrics = ReturnType<typeof createMetrics>;
