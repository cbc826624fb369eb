/** The hub's totals from its Prometheus metrics, or counted from its listing when metrics are refused. */
import { hubTime } from './admin.filters.js';
import type { HubUserModel } from './admin.hub.js';
import type { HubTotals } from './admin.schemas.js';

/** Reads one unlabelled or labelled gauge from Prometheus text; null when absent. */
export function metricValue(
  text: string,
  name: string,
  labels = ''
): number | null {
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    if (labels && !(match[2] ?? '').includes(labels)) continue;
    const value = Number(match[3]);
    if (Number.isFinite(value)) return value;
  }
  return null;
}

/** Totals from `/hub/metrics`; null when a needed gauge is missing (older hubs). */
export function totalsFromMetrics(text: string): HubTotals | null {
  const users = metricValue(text, 'jupyterhub_total_users');
  const running = metricValue(text, 'jupyterhub_running_servers');
  const active = (period: string) =>
    metricValue(text, 'jupyterhub_active_users', `period="${period}"`);
  const [d1, d7, d30] = [active('24h'), active('7d'), active('30d')];
  if (users === null || running === null || d1 === null) return null;
  return {
    users,
    runningServers: running,
    active24h: d1,
    active7d: d7 ?? d1,
    active30d: d30 ?? d7 ?? d1,
    source: 'metrics'
  };
}

/** Totals counted from every user model (hubs that refuse metrics to the service). */
export function totalsFromUsers(
  users: HubUserModel[],
  now = Date.now()
): HubTotals {
  const since = (days: number) => now - days * 24 * 60 * 60 * 1000;
  const activeSince = (cutoff: number) =>
    users.filter(u => !!u.last_activity && hubTime(u.last_activity) >= cutoff)
      .length;
  let running = 0;
  for (const user of users) {
    for (const server of Object.values(user.servers ?? {})) {
      if (server.ready || server.pending) running += 1;
    }
  }
  return {
    users: users.length,
    runningServers: running,
    active24h: activeSince(since(1)),
    active7d: activeSince(since(7)),
    active30d: activeSince(since(30)),
    source: 'listing'
  };
}
