// Prometheus metrics on a registry of their own (not prom-client's global one), so tests and several
// bots in one process never share counters. GET /metrics serves `metrics()` with `contentType`.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { codeLabel, statusLabel, webhookEventLabel, webhookResourceLabel } from './metric-labels';

export const METRIC_PREFIX = 'tnbot_';

export type WebexTokenLabel = 'bot' | 'admin';

export interface WebexCallSample {
  /** Templated route name, e.g. 'people.list'; never an ID. */
  route: string;
  /** 0 when no HTTP answer came. */
  status: number;
  durationMs: number;
  token: WebexTokenLabel;
}

export interface WebexRetrySample {
  route: string;
  /** Status of the attempt that failed and is being retried. */
  status: number;
}

export interface Metrics {
  readonly registry: Registry;
  /** Content-Type header for the `metrics()` text. */
  readonly contentType: string;
  metrics(): Promise<string>;
  /** A command (look-up, help, card submit…) ended with `outcome` after `seconds`. */
  commandFinished(outcome: string, seconds: number): void;
  webexCall(call: WebexCallSample): void;
  webexRetry(retry: WebexRetrySample): void;
  cacheLookup(cache: string, hit: boolean): void;
  /** From the event reaching the bot to the reply being posted. */
  replyLatency(seconds: number): void;
  /** A webhook delivery and what became of it (e.g. accepted, duplicate, bad_signature). */
  eventReceived(resource: string, event: string, result: string): void;
  adminTokenRenewal(result: 'ok' | 'failed'): void;
}

const SECONDS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];
const WEBEX_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  const commands = new Counter({
    name: `${METRIC_PREFIX}commands_total`,
    help: 'Commands handled, by outcome.',
    labelNames: ['outcome'] as const,
    registers,
  });
  const commandSeconds = new Histogram({
    name: `${METRIC_PREFIX}command_duration_seconds`,
    help: 'Time to handle a command, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: SECONDS_BUCKETS,
    registers,
  });
  const replySeconds = new Histogram({
    name: `${METRIC_PREFIX}reply_latency_seconds`,
    help: 'From the webhook event reaching the bot to its reply being posted.',
    buckets: SECONDS_BUCKETS,
    registers,
  });
  const webexRequests = new Counter({
    name: `${METRIC_PREFIX}webex_requests_total`,
    help: 'Webex REST attempts, by route, HTTP status (0 = no answer) and token.',
    labelNames: ['route', 'status', 'token'] as const,
    registers,
  });
  const webexSeconds = new Histogram({
    name: `${METRIC_PREFIX}webex_request_duration_seconds`,
    help: 'Duration of one Webex REST attempt, by route and token.',
    labelNames: ['route', 'token'] as const,
    buckets: WEBEX_BUCKETS,
    registers,
  });
  const webexRetries = new Counter({
    name: `${METRIC_PREFIX}webex_retries_total`,
    help: 'Webex REST attempts that were retried, by route and the status that caused the retry.',
    labelNames: ['route', 'status'] as const,
    registers,
  });
  const cacheLookups = new Counter({
    name: `${METRIC_PREFIX}cache_lookups_total`,
    help: 'Cache look-ups, by cache and result (hit or miss).',
    labelNames: ['cache', 'result'] as const,
    registers,
  });
  // The ratio is derivable from the counters; the gauge is there for dashboards without PromQL.
  const cacheTotals = new Map<string, { hits: number; misses: number }>();
  new Gauge({
    name: `${METRIC_PREFIX}cache_hit_ratio`,
    help: 'Hits divided by look-ups since start, by cache.',
    labelNames: ['cache'] as const,
    registers,
    collect() {
      for (const [cache, { hits, misses }] of cacheTotals) this.set({ cache }, hits / (hits + misses));
    },
  });
  const events = new Counter({
    name: `${METRIC_PREFIX}webhook_events_total`,
    help: 'Webhook deliveries, by resource, event and result.',
    labelNames: ['resource', 'event', 'result'] as const,
    registers,
  });
  const tokenRenewals = new Counter({
    name: `${METRIC_PREFIX}admin_token_renewals_total`,
    help: 'Admin access token renewals with the refresh token, by result.',
    labelNames: ['result'] as const,
    registers,
  });

  return {
    registry,
    contentType: registry.contentType,
    metrics: () => registry.metrics(),
    commandFinished(outcome, seconds) {
      const labels = { outcome: codeLabel(outcome) };
      commands.inc(labels);
      commandSeconds.observe(labels, seconds);
    },
    webexCall({ route, status, durationMs, token }) {
      webexRequests.inc({ route: codeLabel(route), status: statusLabel(status), token });
      webexSeconds.observe({ route: codeLabel(route), token }, durationMs / 1000);
    },
    webexRetry({ route, status }) {
      webexRetries.inc({ route: codeLabel(route), status: statusLabel(status) });
    },
    cacheLookup(cache, hit) {
      const name = codeLabel(cache);
      cacheLookups.inc({ cache: name, result: hit ? 'hit' : 'miss' });
      const totals = cacheTotals.get(name) ?? { hits: 0, misses: 0 };
      if (hit) totals.hits += 1;
      else totals.misses += 1;
      cacheTotals.set(name, totals);
    },
    replyLatency(seconds) {
      replySeconds.observe(seconds);
    },
    eventReceived(resource, event, result) {
      events.inc({ resource: webhookResourceLabel(resource), event: webhookEventLabel(event), result: codeLabel(result) });
    },
    adminTokenRenewal(result) {
      tokenRenewals.inc({ result });
    },
  };
}
