/** What the console shows about the hub itself: its version, login and spawner, features and totals. */
import type { AdminContext } from './admin.context.js';
import { SCAN_TTL_MS } from './admin.context.js';
import type { HubInfo, HubTotals } from './admin.schemas.js';
import { totalsFromMetrics, totalsFromUsers } from './admin.totals.js';
import { hubError } from './admin.convert.js';

/** Hub overview operations over the shared context. */
export function overviewOperations(ctx: AdminContext) {
  const { now, cache, call } = ctx;
  return {
    /** Users, running servers and active users in 24 h / 7 d / 30 d: the hub's metrics, else counted. */
    async totals(): Promise<HubTotals> {
      if (cache.totals && now() - cache.totals.at < SCAN_TTL_MS) {
        return cache.totals.totals;
      }
      const text = await ctx.reach(() => ctx.hub().metrics());
      const totals =
        (text ? totalsFromMetrics(text) : null) ??
        totalsFromUsers(await ctx.scan({}, false), now());
      cache.totals = { at: now(), totals };
      return totals;
    },

    /** The hub's version, authenticator and spawner, and what the console can use. */
    async info(): Promise<HubInfo> {
      const root = await call('GET', '/');
      if (root.status !== 200) throw hubError(root, 'reading the hub version');
      const details = await call('GET', '/info');
      const version = String(
        (root.body as { version?: unknown })?.version ?? ''
      );
      const info = (details.status === 200 ? details.body : {}) as {
        authenticator?: { class?: string; version?: string };
        spawner?: { class?: string; version?: string };
      };
      const [major = 0, minor = 0] = version
        .split('.')
        .map(part => Number.parseInt(part, 10) || 0);
      return {
        version,
        authenticator: {
          class: info.authenticator?.class ?? '',
          version: info.authenticator?.version ?? ''
        },
        spawner: {
          class: info.spawner?.class ?? '',
          version: info.spawner?.version ?? ''
        },
        features: {
          sort: major >= 5,
          groupProperties: major >= 4,
          // The hub's own page lists servers' progress since 0.9; every supported hub streams it.
          progress: major > 0 || minor >= 9
        },
        adminUrl: ctx.adminUrl
      };
    }
  };
}
