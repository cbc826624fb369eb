/** The console's user operations: the listing and its filters, adding, renaming and deleting users. */
import { AppError } from '../../http-errors.js';
import type { AdminContext } from './admin.context.js';
import { matchesFilters, needsScan } from './admin.filters.js';
import { groupPath, userPath, type HubUserModel } from './admin.hub.js';
import type {
  AddUsersBody,
  AddUsersResult,
  AdminUser,
  UserEditBody,
  UserListQuery,
  UserNames,
  UserNamesQuery,
  UserPage
} from './admin.schemas.js';
import {
  checkNames,
  filtersOf,
  hubError,
  hubMessage,
  mapLimited,
  toAdminUser
} from './admin.convert.js';
import { refuseIfManaged } from './admin.groups.js';

/** At most this many names are returned for a bulk action on "all that match". */
export const MAX_MATCHING_NAMES = 5000;

/** User operations over the shared context. */
export function userOperations(ctx: AdminContext) {
  const { config, now, reach, hub, call, record, refuse, mutate, getUser } =
    ctx;

  /**
   * The user a rename or delete acts on: never the caller, never an admin (each refusal audited),
   * and 404 when the hub has no such user.
   */
  const ordinaryTarget = async (
    actor: string,
    name: string,
    verb: 'rename' | 'delete'
  ) => {
    const action = `user.${verb}` as const;
    if (name === actor) {
      await refuse(
        actor,
        action,
        name,
        new AppError(403, 'forbidden', `you cannot ${verb} yourself`)
      );
    }
    const user = await getUser(name);
    if (!user)
      throw new AppError(404, 'not_found', `no user ${name} on this hub`);
    if (user.admin) {
      await refuse(
        actor,
        action,
        name,
        ctx.adminProtected(`cannot ${verb} ${name}`)
      );
    }
    return user;
  };

  /**
   * Every user matching a query's hub-side and service-side filters, in the hub's order.
   *
   * #### Notes
   * Answered from the user index (waiting for its first full read if needed); server states (`state`)
   * stay with the hub, which owns them and whose active list is short. With `state`, or when the index
   * could not be read, the hub's listing is read.
   */
  async function matching(
    query: UserNamesQuery & { sort?: UserListQuery['sort'] },
    fresh: boolean
  ): Promise<HubUserModel[]> {
    const predicate = matchesFilters(filtersOf(query), now());
    const indexed = ctx.deps.hub && ctx.deps.indexUsers !== false;
    if (indexed && !query.state) {
      // While the first full read runs, waiting for it costs less than a second read of everything.
      ctx.index.start();
      if (!ctx.index.ready) await ctx.index.fullRead();
    }
    if (indexed && !query.state && ctx.index.ready) {
      const answer = await reach(() => ctx.index.select(query, predicate));
      if (answer) return answer.users;
    }
    return (await ctx.scan(query, fresh)).filter(predicate);
  }

  /** Adds each row's training summary (read-only) to a page of rows. */
  async function withTraining(rows: AdminUser[]): Promise<AdminUser[]> {
    const summaries = await ctx.deps.training.summaries(
      config.hubId,
      rows.map(r => r.name)
    );
    return rows.map(r => ({ ...r, training: summaries.get(r.name) ?? null }));
  }

  return {
    /** A page of users from the hub's pagination API. */
    async listUsers(query: UserListQuery): Promise<UserPage> {
      // The console opens on the unfiltered list: build the index then, before a filter is chosen.
      if (ctx.deps.hub && ctx.deps.indexUsers !== false) ctx.index.start();
      if (needsScan(filtersOf(query))) {
        const users = await matching(query, query.offset === 0);
        const rows = users
          .slice(query.offset, query.offset + query.limit)
          .map(toAdminUser);
        return {
          items: await withTraining(rows),
          total: users.length,
          offset: query.offset,
          limit: query.limit
        };
      }
      const answer = await reach(() =>
        hub().listUsers({
          offset: query.offset,
          limit: query.limit,
          nameFilter: query.name_filter,
          state: query.state,
          sort: query.sort
        })
      );
      if (answer.status !== 200) throw hubError(answer, 'listing users');
      const page = answer.body as {
        items?: HubUserModel[];
        _pagination?: { total?: number };
      };
      const items = await withTraining((page.items ?? []).map(toAdminUser));
      return {
        items,
        total: page._pagination?.total ?? items.length,
        offset: query.offset,
        limit: query.limit
      };
    },

    /** Every name matching a query (at most MAX_MATCHING_NAMES), for bulk actions on "all that match". */
    async userNames(query: UserNamesQuery): Promise<UserNames> {
      const names = (await matching({ ...query, sort: 'name' }, true)).map(
        u => u.name
      );
      return {
        names: names.slice(0, MAX_MATCHING_NAMES),
        total: names.length,
        truncated: names.length > MAX_MATCHING_NAMES
      };
    },

    /** Renames a user; never an admin, never the caller, and never grants admin. */
    async editUser(
      actor: string,
      name: string,
      body: UserEditBody
    ): Promise<AdminUser> {
      if (body.admin !== undefined) {
        await refuse(
          actor,
          'user.edit',
          name,
          ctx.adminProtected(
            body.admin ? 'cannot grant admin' : `cannot demote ${name}`
          )
        );
      }
      await ordinaryTarget(actor, name, 'rename');
      const newName = (body.name ?? name).trim().toLowerCase();
      const check = checkNames([newName])[0];
      if (!check || check.status === 'invalid') {
        throw new AppError(400, 'validation', `body/name: ${check?.reason}`);
      }
      const answer = await mutate(
        actor,
        'user.rename',
        name,
        { method: 'PATCH', path: userPath(name), body: { name: newName } },
        { to: newName }
      );
      return toAdminUser(answer.body as HubUserModel);
    },

    /** Previews (or, with confirm, creates) users from pasted names, optionally into a group. */
    async addUsers(actor: string, body: AddUsersBody): Promise<AddUsersResult> {
      if (body.admin) {
        await refuse(
          actor,
          'user.create',
          null,
          ctx.adminProtected('cannot grant admin')
        );
      }
      const names = checkNames(body.usernames);
      await mapLimited(
        names.filter(check => check.status === 'new'),
        8,
        async check => {
          if (await getUser(check.name)) {
            check.status = 'exists';
            check.reason = 'already a user of this hub';
          }
        }
      );
      const group = body.group ?? null;
      let groupExists = false;
      if (group) {
        groupExists = (await ctx.getGroup(group)) !== null;
        // Refused before any user is created, so a refusal changes nothing.
        if (groupExists && body.confirm) {
          await refuseIfManaged(ctx, actor, 'user.create', group);
        }
      }
      const result: AddUsersResult = {
        confirmed: body.confirm === true,
        names,
        created: [],
        group,
        groupExists,
        addedToGroup: []
      };
      if (!body.confirm) return result;

      const fresh = names.filter(c => c.status === 'new').map(c => c.name);
      if (fresh.length) {
        // One hub call creates them all; the log gets one line per user so it can be filtered by name.
        const answer = await call('POST', '/users', { usernames: fresh });
        const ok = answer.status >= 200 && answer.status < 300;
        for (const name of fresh) {
          await record({
            actor,
            action: 'user.create',
            target: name,
            outcome: ok ? 'ok' : 'failed',
            detail: {
              status: answer.status,
              ...(ok ? {} : { answer: hubMessage(answer) })
            }
          });
        }
        if (!ok) throw hubError(answer, 'user.create');
        ctx.index.created(
          Array.isArray(answer.body) ? (answer.body as HubUserModel[]) : []
        );
        result.created = fresh;
      }
      const members = names
        .filter(c => c.status === 'new' || c.status === 'exists')
        .map(c => c.name);
      if (group && members.length) {
        if (!groupExists) {
          await mutate(actor, 'group.create', group, {
            method: 'POST',
            path: groupPath(group)
          });
          result.groupExists = true;
        }
        await mutate(
          actor,
          'group.add-members',
          group,
          {
            method: 'POST',
            path: groupPath(group, '/users'),
            body: { users: members }
          },
          { users: members }
        );
        result.addedToGroup = members;
      }
      return result;
    },

    /** Deletes a user (their files stay); never an admin or the caller. */
    async deleteUser(actor: string, name: string): Promise<void> {
      await ordinaryTarget(actor, name, 'delete');
      await mutate(actor, 'user.delete', name, {
        method: 'DELETE',
        path: userPath(name)
      });
    }
  };
}
