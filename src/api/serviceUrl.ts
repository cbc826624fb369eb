/** Where the Catalyst service lives, from the settings or the hub's page config. */

/** The JupyterHub service name the hub proxies to the Catalyst service. */
export const SERVICE_NAME = 'catalyst';

/** The page-config values that locate the hub (see PageConfig in a single-user server). */
export interface IHubLocation {
  /** Origin of the hub when it differs from the page's (subdomains), else ''. */
  hubHost?: string;
  /** The hub's own prefix, e.g. `/hub/` or `/base/hub/`; absent in plain `jupyter lab`. */
  hubPrefix?: string;
}

/**
 * The service base URL, ending in '/', or null when there is neither a setting nor a hub.
 *
 * #### Notes
 * The hub proxies `{hub base}services/catalyst/`, and the hub base is hubPrefix without
 * its trailing `hub/`: `/hub/` gives `/services/catalyst/`, `/jh/hub/` gives `/jh/services/catalyst/`.
 */
export function resolveServiceUrl(
  setting: string,
  hub: IHubLocation
): string | null {
  const configured = setting.trim();
  if (configured) {
    return withTrailingSlash(configured);
  }
  const prefix = hub.hubPrefix ?? '';
  if (!prefix) {
    return null;
  }
  const base = withTrailingSlash(prefix).replace(/hub\/$/, '');
  return `${hub.hubHost ?? ''}${base}services/${SERVICE_NAME}/`;
}

/** Join the base URL and a route such as `api/me`. */
export function joinUrl(base: string, path: string): string {
  return base + path.replace(/^\/+/, '');
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
