/** Filters the hub's listing cannot apply (admin, group, never logged in, inactive for N days), as one predicate. */
import type { HubUserModel } from './admin.hub.js';

/** The filters applied by the service after reading the hub's listing. */
export interface ServiceFilters {
  admin?: boolean;
  group?: string;
  neverLoggedIn?: boolean;
  inactiveDays?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** A hub timestamp in ms; the hub may omit the zone, and its times are UTC. */
export function hubTime(value: string): number {
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
}

/** Whether any filter needs the service to read the whole listing. */
export function needsScan(filters: ServiceFilters): boolean {
  return (
    filters.admin !== undefined ||
    !!filters.group ||
    filters.neverLoggedIn === true ||
    filters.inactiveDays !== undefined
  );
}

/**
 * A predicate over hub user models; `now` is injectable for tests.
 *
 * #### Notes
 * "Never logged in" is a user the hub has no activity for: JupyterHub records activity at login and
 * while a server runs, so a user added by name who never came has `last_activity: null`. "Inactive for
 * N days" includes those users, since they have not been active in that time either.
 */
export function matchesFilters(
  filters: ServiceFilters,
  now = Date.now()
): (user: HubUserModel) => boolean {
  const cutoff =
    filters.inactiveDays === undefined
      ? null
      : now - filters.inactiveDays * DAY_MS;
  return user => {
    if (filters.admin !== undefined && (user.admin === true) !== filters.admin)
      return false;
    if (filters.group && !(user.groups ?? []).includes(filters.group))
      return false;
    if (filters.neverLoggedIn && user.last_activity) return false;
    if (cutoff !== null && user.last_activity) {
      const at = hubTime(user.last_activity);
      if (Number.isFinite(at) && at >= cutoff) return false;
    }
    return true;
  };
}
