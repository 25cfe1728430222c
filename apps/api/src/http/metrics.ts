import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics for `/metrics`: process defaults, request latency by route, the event loop's
 * delay, and replies generating or waiting for a slot (read at scrape time from `chatLoad`).
 */
export function createMetrics(chatLoad?: () => { active: number; waiting: number; limit: number }) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'waypoint_' });
  const httpDuration = new Histogram({
    name: 'waypoint_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const eventLoopDelay = new Histogram({
    name: 'waypoint_event_loop_delay_seconds',
    help: 'How late a timer due every 10 ms fired: the event loop delay, cumulative',
    buckets: [
      0.001, 0.005, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.06, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1,
      2.5,
    ],
    registers: [registry],
  });
  const stopProbe = probeEventLoopDelay((seconds) => eventLoopDelay.observe(seconds));
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
    new Gauge({
      name: 'waypoint_chat_reply_limit',
      help: 'Chat replies this process admits to generate at once now (follows its event loop)',
      registers: [registry],
      collect() {
        this.set(chatLoad().limit);
      },
    });
  }
  return { registry, httpDuration, close: stopProbe };
}

/**
 * Observes the event loop's delay every 10 ms, as Node's `monitorEventLoopDelay` samples it, but
 * into a cumulative histogram: prom-client's `nodejs_eventloop_lag_p99_seconds` is reset at every
 * scrape, so it tells the last window only, and no window's p99 can be merged into a longer
 * one's. From two scrapes of this one, the delay's quantiles over any stretch (a bench's run).
 */
function probeEventLoopDelay(observe: (seconds: number) => void, everyMs = 10) {
  let due = performance.now() + everyMs;
  let timer: NodeJS.Timeout;
  const tick = () => {
    const now = performance.now();
    observe(Math.max(0, now - due) / 1000);
    due = now + everyMs;
    timer = setTimeout(tick, everyMs).unref();
  };
  timer = setTimeout(tick, everyMs).unref();
  return () => clearTimeout(timer);
}

export type Metrics = ReturnType<typeof createMetrics>;
