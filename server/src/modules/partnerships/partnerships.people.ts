/** A person's data: export and erasure. */
import {
  type PartnershipsContext,
  type Viewer,
  fail
} from './partnerships.context.js';
import { reconcileCommunity } from './partnerships.reminders.js';
import { createHelpRepository } from '../training/training.help.repository.js';

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

    /**
     * Erases a person with their roles and enrolments, and the help requests (with their notes)
     * they wrote as a hub user on any hub, named by their email or GitHub handle as `/me` matches.
     */
    async erasePerson(actor: string, id: number) {
      // Filled in the transaction, so that the audit row says how much went.
      const detail: Record<string, unknown> = {};
      return change(
        actor,
        'partnerships.person.erase',
        `person:${id}`,
        detail,
        async (r, trx) => {
          const person = await r.findPerson(id);
          if (!person) fail(404, 'not_found', `no person ${id}`);
          const communities = new Set(
            (await r.rolesOfPerson(id)).map(x => x.community_id)
          );
          await r.deletePerson(id);
          for (const c of communities) await reconcileCommunity(ctx, r, c);
          detail.helpRequests = await createHelpRepository(trx).eraseForUsers(
            [person.email, person.github_handle].filter(
              (name): name is string => !!name
            )
          );
        }
      );
    }
  };
}
