/** Reminders: reconciled with terms and roles on every edit, listed for their recipients, and the daily job. */
import {
  addDays,
  plannedTermReminders,
  reconcile,
  reminderDueAt,
  termStatus,
  TERMINAL_PHASES,
  type Phase,
  type PlannedReminder
} from './partnerships.rules.js';
import {
  type InboxFilter,
  type InboxRow,
  type PartnershipsRepository,
  type ReminderRow,
  createPartnershipsRepository
} from './partnerships.repository.js';
import {
  CHAMPION_ROLES,
  type PartnershipsContext,
  type Viewer,
  fail,
  termFacts
} from './partnerships.context.js';

/** Brings a community's reminders in line with its terms and roles (create, update, cancel, noop). */
export async function reconcileCommunity(
  ctx: PartnershipsContext,
  r: PartnershipsRepository,
  communityId: string
) {
  const { clock, today } = ctx;
  const now = clock.now();
  const day = today();
  const terms = await r.listTerms(communityId);
  const planned: (PlannedReminder & { termId: number | null })[] = [];
  for (const t of terms) {
    for (const p of plannedTermReminders(
      { id: t.id, ...termFacts(t) },
      now,
      day
    )) {
      planned.push({ ...p, termId: t.id });
    }
  }
  const current = terms[terms.length - 1];
  if (current && !TERMINAL_PHASES.includes(current.phase as Phase)) {
    const roles = await r.listRoles(communityId);
    for (const role of CHAMPION_ROLES) {
      const held = roles.filter(x => x.role === role);
      if (held.some(x => x.end_date === null || x.end_date >= day)) continue;
      const lastEnd = held
        .map(x => x.end_date as string)
        .sort()
        .pop();
      const since = lastEnd ? addDays(lastEnd, 1) : current.start_date;
      planned.push({
        key: `community:${communityId}:vacant:${role}`,
        kind: `role-vacant-${role}`,
        anchorDate: since,
        offsetDays: 14,
        dueAt: reminderDueAt(addDays(since, 14), now),
        recipients: ['core-team', 'hub_champion', 'community_champion'],
        termId: null
      });
    }
  }
  const existing = await r.reminders({ communityId });
  const plan = reconcile(
    existing.map(e => ({
      key: e.key,
      dueAt: e.due_at.toISOString(),
      state: e.state,
      anchorDate: e.anchor_date
    })),
    planned
  );
  const counts = { create: 0, update: 0, cancel: 0, noop: 0 };
  for (const step of plan) {
    counts[step.action]++;
    const p = planned.find(x => x.key === step.key);
    if (step.action === 'create' && p) {
      await r.insertReminder({
        key: p.key,
        community_id: communityId,
        term_id: p.termId,
        kind: p.kind,
        anchor_date: p.anchorDate,
        offset_days: p.offsetDays,
        due_at: p.dueAt,
        recipients: p.recipients
      });
    } else if (step.action === 'update' && p) {
      await r.clearReminderReads(p.key);
      await r.updateReminder(p.key, {
        anchor_date: p.anchorDate,
        offset_days: p.offsetDays,
        due_at: p.dueAt,
        state: 'scheduled',
        sent_at: null,
        recipients: p.recipients
      });
    } else if (step.action === 'cancel') {
      await r.updateReminder(step.key, { state: 'cancelled' });
    }
  }
  return counts;
}

/** A reminder as the API shows it. */
function reminderDto(x: ReminderRow) {
  return {
    id: x.id,
    communitySlug: x.community_id,
    kind: x.kind,
    termId: x.term_id,
    anchorDate: x.anchor_date,
    offsetDays: x.offset_days,
    dueAt: x.due_at.toISOString(),
    state: x.state
  };
}

/** A delivered reminder as the inbox shows it. */
function inboxDto(x: InboxRow) {
  return {
    ...reminderDto(x),
    sentAt: x.sent_at.toISOString(),
    readAt: x.read_at ? x.read_at.toISOString() : null
  };
}

/** The reminder recipients a viewer answers for: the Core Team, or the champion roles they hold. */
function recipientsOf(v: Viewer): string[] {
  const out: string[] = [];
  if (v.roles.includes('core-team')) out.push('core-team');
  if (v.roles.includes('hub-champion')) out.push('hub_champion');
  if (v.roles.includes('community-champion')) out.push('community_champion');
  return out;
}

/** Reminder listing, in-product delivery and the daily job. */
export function createRemindersService(ctx: PartnershipsContext) {
  const { db, hubId, clock, policy, repo, today, isCore, ownCommunity } = ctx;
  /** Whose inbox the viewer reads; null for a champion of no community, who has none. */
  const inboxOf = async (v: Viewer): Promise<InboxFilter | null> => {
    const community = isCore(v) ? undefined : await ownCommunity();
    if (!isCore(v) && !community) return null;
    return {
      communityId: community ?? undefined,
      recipients: recipientsOf(v),
      hubId,
      userName: v.name
    };
  };
  return {
    /** Reminders for the Core Team (all) or a champion (own community); `due` only those whose time has come. */
    async reminders(v: Viewer, due: boolean) {
      const community = isCore(v) ? undefined : await ownCommunity();
      if (!isCore(v) && !community) return [];
      const rows = await repo.reminders(
        community ? { communityId: community } : {}
      );
      const now = clock.now();
      return rows
        .filter(x => x.state === 'scheduled' && (!due || x.due_at <= now))
        .map(reminderDto);
    },

    /** Delivers reminders whose time has come (scheduled → sent); the plugin runs it every few minutes. */
    async deliver() {
      return { delivered: await repo.deliverDueReminders(clock.now()) };
    },

    /** Delivered reminders addressed to the viewer: the Core Team's for all communities, a champion's for their own. */
    async inbox(v: Viewer) {
      const filter = await inboxOf(v);
      return filter ? (await repo.reminderInbox(filter)).map(inboxDto) : [];
    },

    /** Marks a reminder of the viewer's inbox read for them only; one they cannot see is a 404. */
    async markRead(v: Viewer, id: number) {
      const filter = await inboxOf(v);
      const row = filter && (await repo.inboxReminder({ ...filter, id }));
      if (!row) fail(404, 'not_found', `no reminder ${id} for you`);
      const now = clock.now();
      await repo.markReminderRead(id, hubId, v.name, now);
      return inboxDto({ ...row, read_at: row.read_at ?? now });
    },

    /** The daily job: clears expired overrides, caches derived statuses (history row per change), reconciles reminders. */
    async daily(triggeredBy = 'system') {
      // Derived changes are the system's doing, whoever asked for the run.
      const actor = 'system';
      const day = today();
      let overridesCleared = 0;
      let statusChanges = 0;
      const communities = new Set<string>();
      await db.transaction().execute(async trx => {
        const r = createPartnershipsRepository(trx);
        for (const t of await r.listTerms()) {
          communities.add(t.community_id);
          // Terminal phases are history: their cached status never moves again.
          if (TERMINAL_PHASES.includes(t.phase as Phase)) continue;
          let current = t;
          const s = termStatus(termFacts(t), day, policy);
          if (s.overrideExpired) {
            await r.updateTerm(t.id, {
              override_status: null,
              override_until: null
            });
            await r.addEvent({
              term_id: t.id,
              kind: 'override',
              from_value: `${t.override_status}@${t.override_until}`,
              to_value: null,
              actor,
              reason: 'override expired'
            });
            overridesCleared++;
            current = { ...t, override_status: null, override_until: null };
          }
          const status = termStatus(termFacts(current), day, policy).status;
          if (status !== t.status_cache) {
            await r.updateTerm(t.id, { status_cache: status });
            await r.addEvent({
              term_id: t.id,
              kind: 'status',
              from_value: t.status_cache,
              to_value: status,
              actor,
              reason: 'daily refresh'
            });
            statusChanges++;
          }
        }
        for (const c of communities) await reconcileCommunity(ctx, r, c);
        await r.audit({
          hub_id: hubId,
          actor,
          action: 'partnerships.daily',
          target: null,
          outcome: 'ok',
          detail: { overridesCleared, statusChanges, triggeredBy }
        });
      });
      const { delivered } = await this.deliver();
      return { today: day, overridesCleared, statusChanges, delivered };
    }
  };
}
