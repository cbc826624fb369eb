/** The console's group operations: listing, creating, deleting, members and properties, with the groups it protects. */
import { AppError } from '../../http-errors.js';
import type { AdminContext } from './admin.context.js';
import { groupPath, type HubGroupModel } from './admin.hub.js';
import type { Group } from './admin.schemas.js';
import { hubError, managedReason, MANAGED_PROPERTY } from './admin.convert.js';

/** Refuses an edit of a group the authenticator manages (it would be undone at the next login). */
export async function refuseIfManaged(
  ctx: AdminContext,
  actor: string,
  action: string,
  group: string
): Promise<void> {
  const model = await ctx.getGroup(group);
  const reason = model ? managedReason(model) : null;
  if (reason) {
    await ctx.refuse(
      actor,
      action,
      group,
      new AppError(
        409,
        'conflict',
        `${group} is managed by the hub's login system (${reason}); edits here would be undone at the next login`
      )
    );
  }
}

/** Group operations over the shared context. */
export function groupOperations(ctx: AdminContext) {
  const { config, refuse, mutate } = ctx;

  /** The role a group gives its members, or null; deleting such a group would take the role from all of them. */
  function roleOfGroup(group: string): Group['grantsRole'] {
    const { hubChampionGroup, communityChampionGroup, coreTeamGroup } =
      config.roles;
    if (group === hubChampionGroup) return 'hub-champion';
    if (group === communityChampionGroup) return 'community-champion';
    if (group === coreTeamGroup) return 'core-team';
    return null;
  }

  /** Adds (POST) or removes (DELETE) members of a group the login system does not manage. */
  async function editMembers(
    actor: string,
    action: 'group.add-members' | 'group.remove-members',
    group: string,
    users: string[]
  ): Promise<void> {
    await refuseIfManaged(ctx, actor, action, group);
    await mutate(
      actor,
      action,
      group,
      {
        method: action === 'group.add-members' ? 'POST' : 'DELETE',
        path: groupPath(group, '/users'),
        body: { users }
      },
      { users }
    );
  }

  return {
    /** Every group with its member count, optionally those whose name contains `search`. */
    async listGroups(
      search?: string
    ): Promise<{ items: Group[]; total: number }> {
      const answer = await ctx.reach(() => ctx.hub().allGroups());
      if (answer.status !== 200) throw hubError(answer, 'listing groups');
      const needle = search?.trim().toLowerCase() ?? '';
      const items = answer.groups
        .filter(
          (g: HubGroupModel) => !needle || g.name.toLowerCase().includes(needle)
        )
        .map((g: HubGroupModel) => ({
          name: g.name,
          users: g.users ?? [],
          memberCount: (g.users ?? []).length,
          properties: g.properties ?? {},
          managed: managedReason(g),
          grantsRole: roleOfGroup(g.name)
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
      return { items, total: items.length };
    },

    /** Creates an empty group. */
    async createGroup(actor: string, group: string): Promise<void> {
      await mutate(actor, 'group.create', group, {
        method: 'POST',
        path: groupPath(group)
      });
    },

    /** Deletes a group; never one that gives a Catalyst role (hub-champions among them). */
    async deleteGroup(actor: string, group: string): Promise<void> {
      const role = roleOfGroup(group);
      if (role) {
        await refuse(
          actor,
          'group.delete',
          group,
          new AppError(
            409,
            'conflict',
            `${group} gives its members the ${role} role${
              role === 'hub-champion'
                ? '; deleting it would lock the Hub Champions out of this console'
                : '; deleting it would take that role from all of them'
            }. It is set in the service's configuration and cannot be deleted from the console`
          )
        );
      }
      await refuseIfManaged(ctx, actor, 'group.delete', group);
      await mutate(actor, 'group.delete', group, {
        method: 'DELETE',
        path: groupPath(group)
      });
    },

    /** Adds users to a group. */
    async addMembers(
      actor: string,
      group: string,
      users: string[]
    ): Promise<void> {
      await editMembers(actor, 'group.add-members', group, users);
    },

    /** Removes users from a group; a champion cannot remove themselves from the champions' group. */
    async removeMembers(
      actor: string,
      group: string,
      users: string[]
    ): Promise<void> {
      if (group === config.roles.hubChampionGroup && users.includes(actor)) {
        await refuse(
          actor,
          'group.remove-members',
          group,
          new AppError(
            403,
            'forbidden',
            'you cannot remove yourself from the Hub Champions group; ask another champion'
          )
        );
      }
      await editMembers(actor, 'group.remove-members', group, users);
    },

    /** Replaces a group's properties (they may change what its members' servers get). */
    async setGroupProperties(
      actor: string,
      group: string,
      properties: Record<string, string | number | boolean>
    ): Promise<void> {
      // The managed marker is the operator's, not the console's: keep it as it is.
      if (MANAGED_PROPERTY in properties) {
        await refuse(
          actor,
          'group.properties',
          group,
          new AppError(
            400,
            'validation',
            `body/properties: ${MANAGED_PROPERTY} is set by the hub's operators in the hub's configuration`
          )
        );
      }
      await refuseIfManaged(ctx, actor, 'group.properties', group);
      await mutate(
        actor,
        'group.properties',
        group,
        {
          method: 'PUT',
          path: groupPath(group, '/properties'),
          body: properties
        },
        { properties }
      );
    }
  };
}
