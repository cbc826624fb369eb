/** Communities and hubs: the Core Team table, community cards and hub dates. */
import { type IsoDate } from './partnerships.rules.js';
import {
  type CommunityRow,
  type HubRow,
  type PartnershipsRepository
} from './partnerships.repository.js';
import {
  type PartnershipsContext,
  type Viewer,
  fail
} from './partnerships.context.js';

/** Rows grouped by a key, each group in the original order. */
function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** Communities and hubs: the Core Team table, community cards and hub dates. */
export function createCommunitiesService(ctx: PartnershipsContext) {
  const {
    repo,
    termDto,
    roleDto,
    enrolmentDto,
    checklistDto,
    hubDto,
    ownCommunity,
    assertCanRead,
    change,
    needCommunity,
    communitySummary,
    ORDER
  } = ctx;
  return {
    /** Every community's summary, renewal-due first, then by term end. */
    async list() {
      const [communities, terms, roles, enrolments, checklists] =
        await Promise.all([
          repo.listCommunities(),
          repo.listTerms(),
          repo.listRoles(),
          repo.listEnrolments(),
          repo.checklistCounts()
        ]);
      // One pass per table, then each community reads only its own rows (the table is for
      // every community of the federation: hundreds).
      const terms1 = groupBy(terms, t => t.community_id);
      const roles1 = groupBy(roles, r => r.community_id);
      const enrolments1 = groupBy(enrolments, e => e.community_id ?? '');
      const rows = [];
      for (const c of communities)
        rows.push(
          await communitySummary(
            c,
            terms1.get(c.id) ?? [],
            roles1.get(c.id) ?? [],
            enrolments1.get(c.id) ?? [],
            checklists
          )
        );
      return rows.sort(
        (a, b) =>
          (ORDER[a.status ?? ''] ?? 9) - (ORDER[b.status ?? ''] ?? 9) ||
          (a.endDate ?? '9999').localeCompare(b.endDate ?? '9999') ||
          a.slug.localeCompare(b.slug)
      );
    },

    /** A community's card: the four dates, terms with history, champions, checklist, training, reminders. */
    async card(v: Viewer, slug: string) {
      await assertCanRead(v, slug);
      const c = await needCommunity(repo, slug);
      const [terms, roles, enrolments, hubs, reminders] = await Promise.all([
        repo.listTerms(slug),
        repo.listRoles(slug),
        repo.listEnrolments({ communityId: slug }),
        repo.listHubs(slug),
        repo.reminders({ communityId: slug })
      ]);
      const summary = await communitySummary(c, terms, roles, enrolments);
      const current = terms[terms.length - 1] ?? null;
      const history = [];
      for (const t of terms) {
        for (const e of await repo.events(t.id)) {
          history.push({
            termId: t.id,
            kind: e.kind,
            from: e.from_value,
            to: e.to_value,
            at: e.at.toISOString(),
            actor: e.actor,
            reason: e.reason
          });
        }
      }
      const extensions = [];
      for (const t of terms) {
        for (const x of await repo.extensions(t.id)) {
          extensions.push({
            termId: t.id,
            previousEnd: x.previous_end,
            newEnd: x.new_end,
            days: x.days,
            at: x.at.toISOString(),
            actor: x.actor,
            reason: x.reason
          });
        }
      }
      const hubList = hubs.map(hubDto);
      const hub = hubList[0] ?? null;
      return {
        community: {
          slug: c.id,
          name: c.name,
          country: c.country,
          region: c.region,
          language: c.language,
          website: c.website
        },
        summary,
        dates: {
          termEnd: current?.end_date ?? null,
          guaranteedService: current?.guaranteed_service_date ?? null,
          decommissionProposed: hub?.decommissionProposedOn ?? null,
          decommissioned: hub?.decommissionedOn ?? null
        },
        hubs: hubList,
        terms: terms.map(termDto),
        history,
        extensions,
        roles: roles.map(roleDto),
        vacancies: summary.vacancies,
        checklist: current
          ? (await repo.checklist(current.id)).map(checklistDto)
          : [],
        enrolments: enrolments.map(enrolmentDto),
        reminders: reminders
          .filter(x => x.state !== 'cancelled')
          .map(x => ({
            id: x.id,
            kind: x.kind,
            termId: x.term_id,
            anchorDate: x.anchor_date,
            offsetDays: x.offset_days,
            dueAt: x.due_at.toISOString(),
            state: x.state
          }))
      };
    },

    /** The champion's (or Core Team member's) own community card. */
    async ownCard(v: Viewer) {
      const slug = await ownCommunity();
      if (!slug)
        fail(404, 'not_found', 'this hub is not linked to a community yet');
      return this.card(v, slug);
    },

    async upsertCommunity(actor: string, c: CommunityRow) {
      return change(
        actor,
        'partnerships.community.upsert',
        `community:${c.id}`,
        { ...c },
        async r => {
          await r.upsertCommunity(c);
        }
      );
    },

    async linkHub(actor: string, hub: string, slug: string) {
      return change(
        actor,
        'partnerships.hub.link',
        `hub:${hub}`,
        { community: slug },
        async r => {
          await needCommunity(r, slug);
          if (!(await r.findHub(hub))) fail(404, 'not_found', `no hub ${hub}`);
          await r.linkHub(hub, slug);
        }
      );
    },

    /** Records a hub's deployment and decommission dates (proposed and actual differ, §0). */
    async editHub(
      actor: string,
      hub: string,
      input: {
        deployedOn?: IsoDate | null;
        decommissionProposedOn?: IsoDate | null;
        decommissionedOn?: IsoDate | null;
        dataDisposition?: string;
      }
    ) {
      return change(
        actor,
        'partnerships.hub.edit',
        `hub:${hub}`,
        { ...input },
        async r => {
          const before = await r.findHub(hub);
          if (!before) fail(404, 'not_found', `no hub ${hub}`);
          const set: Parameters<PartnershipsRepository['updateHubDates']>[1] =
            {};
          if (input.deployedOn !== undefined)
            set.deployed_on = input.deployedOn;
          if (input.decommissionProposedOn !== undefined)
            set.decommission_proposed_on = input.decommissionProposedOn;
          if (input.decommissionedOn !== undefined)
            set.decommissioned_on = input.decommissionedOn;
          if (input.dataDisposition !== undefined)
            set.data_disposition = input.dataDisposition;
          const deployed =
            set.deployed_on !== undefined
              ? set.deployed_on
              : before.deployed_on;
          const gone =
            set.decommissioned_on !== undefined
              ? set.decommissioned_on
              : before.decommissioned_on;
          if (deployed && gone && gone < deployed)
            fail(
              400,
              'validation',
              'body/decommissionedOn is before deployedOn'
            );
          await r.updateHubDates(hub, set);
          return hubDto((await r.findHub(hub)) as HubRow);
        }
      );
    }
  };
}
