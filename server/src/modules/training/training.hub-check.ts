/** Hub-state checks: asks JupyterHub, with the service's token, about a user, their servers and groups. */
import { AppError } from '../../http-errors.js';
import {
  HubUnreachable,
  userPath,
  type HubAdminClient,
  type HubUserModel
} from '../admin/admin.hub.js';
import type { HubCheck, HubCheckResult } from './training.schemas.js';

/** The server model fields a hub check reads. */
type ServerModel = HubUserModel['servers'][string] & {
  user_options?: Record<string, unknown> | null;
};

/**
 * Evaluates a hub check for `caller`; a check about another user needs the `hub-champion` role.
 *
 * #### Notes
 * Only reads the hub (GET), so a check never changes anyone's state.
 */
export async function runHubCheck(
  hub: HubAdminClient | null,
  caller: { name: string; roles: string[] },
  check: HubCheck
): Promise<HubCheckResult> {
  const user = check.user ?? caller.name;
  if (user !== caller.name && !caller.roles.includes('hub-champion')) {
    throw new AppError(
      403,
      'forbidden',
      "checking another user's state needs the hub-champion role"
    );
  }
  if (!hub) {
    throw new AppError(
      503,
      'hub_unreachable',
      'this service has no hub API configured'
    );
  }
  let answer;
  try {
    answer = await hub.call(
      'GET',
      `${userPath(user)}?include_stopped_servers=1`
    );
  } catch (error) {
    if (error instanceof HubUnreachable) {
      throw new AppError(503, 'hub_unreachable', error.message);
    }
    throw error;
  }
  if (answer.status === 404) {
    return check.exists === false
      ? { passed: true, reason: 'passed', user }
      : { passed: false, reason: 'no-user', user };
  }
  if (answer.status !== 200) {
    throw new AppError(
      503,
      'hub_unreachable',
      `the hub answered ${answer.status} about ${user}`
    );
  }
  if (check.exists === false) {
    return { passed: false, reason: 'user-exists', user };
  }
  const model = answer.body as HubUserModel;
  if (check.inGroup !== undefined && !model.groups?.includes(check.inGroup)) {
    return {
      passed: false,
      reason: 'not-in-group',
      user,
      group: check.inGroup
    };
  }
  const serverName = check.server ?? '';
  const server = model.servers?.[serverName] as ServerModel | undefined;
  const running = !!server && server.ready && !server.stopped;
  if (check.running === true && !running) {
    return { passed: false, reason: 'not-running', user, server: serverName };
  }
  if (check.running === false && (running || !!server?.pending)) {
    return { passed: false, reason: 'running', user, server: serverName };
  }
  if (check.profile !== undefined) {
    const chosen = server?.user_options?.profile;
    if (!running || chosen !== check.profile) {
      return {
        passed: false,
        reason: 'profile-differs',
        user,
        server: serverName,
        profile: typeof chosen === 'string' ? chosen : null
      };
    }
  }
  return { passed: true, reason: 'passed', user };
}
