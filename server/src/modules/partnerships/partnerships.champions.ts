/** Champion roles: handover and vacancy. */
import { addDays, type IsoDate } from './partnerships.rules.js';
import {
  type ChampionRole,
  type PartnershipsContext,
  type PersonInput,
  fail
} from './partnerships.context.js';
import { reconcileCommunity } from './partnerships.reminders.js';

/** Champion roles: handover and vacancy. */
export function createChampionsService(ctx: PartnershipsContext) {
  const { roleDto, change, needCommunity, resolvePerson } = ctx;
  return {
    /** Hands a champion role to a person from a date: the old holder ends the day before, in one transaction. */
    async handover(
      actor: string,
      slug: string,
      role: ChampionRole,
      input: { person: PersonInput; startDate: IsoDate; reason?: string }
    ) {
      return change(
        actor,
        'partnerships.role.handover',
        `community:${slug}`,
        { role, ...input },
        async r => {
          await needCommunity(r, slug);
          await r.lockCommunity(slug);
          const personId = await resolvePerson(r, input.person);
          const all = (await r.listRoles(slug)).filter(x => x.role === role);
          const open = all.find(x => x.end_date === null);
          if (open && open.person_id === personId)
            fail(409, 'conflict', 'this person already holds the role');
          if (open && input.startDate <= open.start_date) {
            fail(
              409,
              'overlap',
              `the current holder started on ${open.start_date}; a handover must start later`
            );
          }
          const clash = all.find(
            x => x.end_date !== null && x.end_date >= input.startDate
          );
          if (clash)
            fail(
              409,
              'overlap',
              `${clash.person_name || 'a holder'} held the role until ${clash.end_date}`
            );
          if (open)
            await r.endRole(
              open.id,
              addDays(input.startDate, -1),
              input.reason || 'handover'
            );
          await r.insertRole({
            community_id: slug,
            role,
            person_id: personId,
            start_date: input.startDate,
            end_date: null,
            end_reason: ''
          });
          await reconcileCommunity(ctx, r, slug);
          return (await r.listRoles(slug)).map(roleDto);
        }
      );
    },

    /** Ends the current holder's assignment; the role is then vacant (and warns). */
    async endRole(
      actor: string,
      slug: string,
      role: ChampionRole,
      input: { endDate: IsoDate; reason: string }
    ) {
      return change(
        actor,
        'partnerships.role.end',
        `community:${slug}`,
        { role, ...input },
        async r => {
          await needCommunity(r, slug);
          await r.lockCommunity(slug);
          const open = await r.openRole(slug, role);
          if (!open) fail(409, 'conflict', 'the role is already vacant');
          if (input.endDate < open.start_date)
            fail(
              400,
              'validation',
              'body/endDate is before the holder started'
            );
          await r.endRole(open.id, input.endDate, input.reason);
          await reconcileCommunity(ctx, r, slug);
          return (await r.listRoles(slug)).map(roleDto);
        }
      );
    }
  };
}
