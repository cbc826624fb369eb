/** A person's data: export and erasure. */
import {
  type PartnershipsContext,
  type Viewer,
  fail
} from './partnerships.context.js';
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

    /**
     * The caller's own partnership data: the person whose email or GitHub handle is their hub
     * user name (how partner hubs name users). Nothing else identifies them, so no match is a 404.
     */
    async myData(v: Viewer) {
      const found =
        (await repo.findPersonByEmail(v.name)) ??
        (await repo.findPersonByGithub(v.name.replace(/^@/, '')));
      if (!found)
        fail(
          404,
          'not_found',
          'no partnership record names you (by email or GitHub handle)'
        );
      return this.personData(found.id);
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
