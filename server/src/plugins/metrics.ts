/**
 * `GET /metrics` in Prometheus text format: requests and latencies by route, the database pool,
 * idempotent writes seen again (outbox retries), hub API errors, and the process's own metrics.
 *
 * Who may read it: with CATALYST_METRICS_TOKEN set, a caller sending `Authorization: Bearer <it>`;
 * without, loopback connections only. It is mounted at the root, outside the service prefix, so
 * the hub's proxy (which forwards only `{prefix}/...`) never exposes it. Labels hold route
 * templates and error codes, never user names, paths with ids, or keys.
 */
import { hash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  collectDefaultMetrics,
  Counter,
  Gauge,
  Histogram,
  Registry
} from 'prom-client';
import type { Config } from '../config.js';
import { AppError } from '../http-errors.js';

/** How many idempotency keys each instance remembers to recognise a repeat. */
const REMEMBERED_KEYS = 10000;

/** Remembers recently seen keys (by hash) in insertion order, forgetting the oldest. */
class SeenKeys {
  private readonly keys = new Set<string>();

  /** True when `key` was seen before; remembers it either way. */
  seen(key: string): boolean {
    const digest = hash('sha256', key, 'base64url');
    if (this.keys.has(digest)) return true;
    this.keys.add(digest);
    if (this.keys.size > REMEMBERED_KEYS) {
      this.keys.delete(this.keys.values().next().value as string);
    }
    return false;
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Whether this request may read the metrics (see the module comment). */
export function mayReadMetrics(
  request: FastifyRequest,
  config: Pick<Config, 'metricsToken' | 'prefix'>
): boolean {
  if (config.metricsToken) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(
      request.headers.authorization ?? ''
    );
    const given = Buffer.from(match?.[1] ?? '');
    const wanted = Buffer.from(config.metricsToken);
    return given.length === wanted.length && timingSafeEqual(given, wanted);
  }
  // Served at the root, /metrics is out of the hub proxy's reach unless the service itself is.
  return (
    config.prefix !== '' &&
    LOOPBACK.has(request.socket.remoteAddress ?? '') &&
    request.headers['x-forwarded-for'] === undefined
  );
}

async function metricsPlugin(
  app: FastifyInstance,
  { config }: { config: Config }
): Promise<void> {
  const registry = new Registry();
  registry.setDefaultLabels({ hub: config.hubId });
  collectDefaultMetrics({ register: registry, prefix: 'catalyst_' });

  const labelNames = ['method', 'route', 'status'] as const;
  const requests = new Counter({
    name: 'catalyst_http_requests_total',
    help: 'HTTP requests answered, by route template and status',
    labelNames,
    registers: [registry]
  });
  const latency = new Histogram({
    name: 'catalyst_http_request_duration_seconds',
    help: 'Time to answer, by route template and status',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry]
  });
  const idempotent = new Counter({
    name: 'catalyst_idempotent_requests_total',
    help:
      'Requests carrying an Idempotency-Key; repeat="true" when this instance saw the key before ' +
      '(an outbox retry: the first attempt timed out, failed or was answered too late)',
    labelNames: ['route', 'repeat'] as const,
    registers: [registry]
  });
  const hubErrors = new Counter({
    name: 'catalyst_hub_api_errors_total',
    help: 'Requests that failed because JupyterHub was unreachable or refused the service',
    labelNames: ['route', 'code'] as const,
    registers: [registry]
  });
  const pool = app.database.pool;
  new Gauge({
    name: 'catalyst_db_pool_connections',
    help: 'Database pool connections by state (total, idle, waiting requests)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
    }
  });

  const seen = new SeenKeys();
  const routeOf = (request: FastifyRequest): string =>
    request.routeOptions.url ?? 'unmatched';

  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: routeOf(request),
      status: String(reply.statusCode)
    };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
    const key = request.headers['idempotency-key'];
    if (typeof key === 'string' && key) {
      idempotent.inc({
        route: labels.route,
        repeat: String(seen.seen(`${request.method} ${key}`))
      });
    }
  });
  app.addHook('onError', async (request, _reply, error) => {
    if (
      error instanceof AppError &&
      (error.code === 'hub_unreachable' || error.code === 'hub_refused')
    ) {
      hubErrors.inc({ route: routeOf(request), code: error.code });
    }
  });

  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    if (!mayReadMetrics(request, config)) {
      throw new AppError(
        403,
        'forbidden',
        config.metricsToken
          ? 'send Authorization: Bearer <CATALYST_METRICS_TOKEN>'
          : 'metrics are served to loopback clients only; set CATALYST_METRICS_TOKEN to scrape from elsewhere'
      );
    }
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}

export default fp(metricsPlugin, {
  name: 'metrics',
  dependencies: ['database'],
  fastify: '5.x'
});
