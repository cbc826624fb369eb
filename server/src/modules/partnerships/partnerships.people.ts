/** A person's data: export and erasure. */
import { type PartnershipsContext, fail } from './partnerships.context.js';
import { reconcileCommunity } from './partnerships.reminders.js';

/** A person's data: export and erasure. */
export function createPeopleService(ctx: PartnershipsContext) {
  const { repo, roleDto, enrolmentDto, change } = ctx;
  return {
    /** Everything stored about one person (their own-data export). */
    async personData(id: number) {
      const p = await repo.findPerson(id);
      if (!p) fail(404, 'not_found', `no person ${id}`);
      return {
        person: {
          id: p.id,
          name: p.name,
          email: p.email,
          githubHandle: p.github_handle
        },
        roles: (await repo.rolesOfPerson(id)).map(roleDto),
        enrolments: (await repo.listEnrolments({ personId: id })).map(
          enrolmentDto
        )
      };
    },

    /** Erases a person with their roles and enrolments. */
    async erasePerson(actor: string, id: number) {
      return change(
        actor,
        'partnerships.person.erase',
        `person:${id}`,
        {},
        async r => {
          if (!(await r.findPerson(id)))
            fail(404, 'not_found', `no person ${id}`);
          const communities = new Set(
            (await r.rolesOfPerson(id)).map(x => x.community_id)
          );
          await r.deletePerson(id);
          for (const c of communities) await reconcileCommunity(ctx, r, c);
        }
      );
    }
  };
}
