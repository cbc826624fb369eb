/** Calls to the Catalyst service behind a real hub, as the extension makes them: a session, then Bearer calls. */
import type { LocalHub } from './local-hub.js';

/** The service's session JWT for a hub user, got with that user's real page token. */
export async function sessionFor(hub: LocalHub, name: string): Promise<string> {
  const res = await fetch(`${hub.serviceUrl}api/session`, {
    method: 'POST',
    headers: {
      Authorization: `token ${await hub.userToken(name)}`,
      'Content-Type': 'application/json'
    },
    body: '{}'
  });
  if (res.status !== 200) {
    throw new Error(`session for ${name}: ${res.status} ${await res.text()}`);
  }
  return ((await res.json()) as { token: string }).token;
}

/** One call to the service's API (`path` below `api/`) with a session JWT, JSON in. */
export function serviceCall(
  hub: LocalHub,
  jwt: string,
  method: string,
  path: string,
  body?: unknown
): Promise<Response> {
  return fetch(`${hub.serviceUrl}api/${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${jwt}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' })
    },
    body: body === undefined ? undefined : JSON.stringify(body)
  });
}
