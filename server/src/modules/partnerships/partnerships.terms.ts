/** Terms: creation, renewal, extension, edits, phase moves and overrides. */
import {
  addDays,
  canTransition,
  daysBetween,
  defaultEnd,
  renewalStart,
  TERMINAL_PHASES,
  type IsoDate,
  type OverrideStatus,
  type Phase
} from './partnerships.rules.js';
import {
  type PartnershipsRepository,
  type TermRow
} from './partnerships.repository.js';
import {
  CHECKLIST_TEMPLATE,
  type PartnershipsContext,
  type Viewer,
  fail
} from './partnerships.context.js';
import { reconcileCommunity } from './partnerships.reminders.js';

/** Terms: creation, renewal, extension, edits, phase moves and overrides. */
export function createTermsService(ctx: PartnershipsContext) {
  const {
    policy,
    repo,
    today,
    termDto,
    assertCanRead,
    change,
    needCommunity,
    needTerm,
    guaranteed
  } = ctx;
  return {
    async term(v: Viewer, id: number) {
      const t = await needTerm(repo, id);
      await assertCanRead(v, t.community_id);
      return termDto(t);
    },

    /** A new term; it follows the community's latest term and may not overlap it. */
    async createTerm(
      actor: string,
      slug: string,
      input: {
        startDate: IsoDate;
        endDate?: IsoDate;
        phase?: Phase;
        guaranteedService?: string;
        agreementUrl?: string;
        reason?: string;
      }
    ) {
      return change(
        actor,
        'partnerships.term.create',
        `community:${slug}`,
        { ...input },
        async r => {
          await needCommunity(r, slug);
          await r.lockCommunity(slug);
          const endDate = input.endDate ?? defaultEnd(input.startDate);
          if (endDate < input.startDate)
            fail(400, 'validation', 'body/endDate is before startDate');
          const gs = guaranteed(input.guaranteedService);
          const latest = await r.latestTerm(slug);
          if (latest && input.startDate <= latest.end_date) {
            fail(
              409,
              'overlap',
              `term ${latest.seq} runs until ${latest.end_date}; a new term may start on ${addDays(latest.end_date, 1)} at the earliest`
            );
          }
          const phase = input.phase ?? 'applied';
          if (TERMINAL_PHASES.includes(phase))
            fail(400, 'validation', 'body/phase must not be terminal');
          const id = await r.insertTerm({
            community_id: slug,
            seq: (latest?.seq ?? 0) + 1,
            start_date: input.startDate,
            end_date: endDate,
            guaranteed_service_date: gs?.date ?? null,
            guaranteed_service_precision: gs?.precision ?? null,
            phase,
            previous_term_id: latest?.id ?? null,
            previous_end_date: latest?.end_date ?? null,
            agreement_url: input.agreementUrl ?? ''
          });
          await r.addEvent({
            term_id: id,
            kind: 'created',
            from_value: null,
            to_value: phase,
            actor,
            reason: input.reason ?? ''
          });
          await r.insertChecklist(id, CHECKLIST_TEMPLATE);
          await reconcileCommunity(ctx, r, slug);
          return termDto((await r.findTerm(id)) as TermRow);
        }
      );
    },

    /** Renews the latest active term: a new row from end + 1 (or the recording day after grace). */
    async renew(
      actor: string,
      termId: number,
      input: {
        recordedOn?: IsoDate;
        endDate?: IsoDate;
        guaranteedService?: string;
        agreementUrl?: string;
        reason?: string;
      }
    ) {
      return change(
        actor,
        'partnerships.term.renew',
        `term:${termId}`,
        { ...input },
        async r => {
          const prev = await needTerm(r, termId, true);
          if ((await r.successorOf(prev.id)) !== null) {
            fail(
              409,
              'already_renewed',
              `term ${prev.seq} already has a successor`
            );
          }
          const latest = await r.latestTerm(prev.community_id);
          if (latest && latest.id !== prev.id)
            fail(409, 'not_latest', 'only the latest term can be renewed');
          if (prev.phase !== 'active') {
            fail(
              409,
              'illegal_transition',
              `a term in phase ${prev.phase} cannot be renewed (it must be active)`
            );
          }
          const recordedOn = input.recordedOn ?? today();
          const { start, gapDays } = renewalStart(
            prev.end_date,
            recordedOn,
            policy
          );
          const endDate = input.endDate ?? defaultEnd(start);
          if (endDate < start)
            fail(400, 'validation', 'body/endDate is before the renewal start');
          const gs =
            input.guaranteedService !== undefined
              ? guaranteed(input.guaranteedService)
              : prev.guaranteed_service_date
                ? {
                    date: prev.guaranteed_service_date,
                    precision: prev.guaranteed_service_precision as 'day'
                  }
                : null;
          const id = await r.insertTerm({
            community_id: prev.community_id,
            seq: prev.seq + 1,
            start_date: start,
            end_date: endDate,
            guaranteed_service_date: gs?.date ?? null,
            guaranteed_service_precision: gs?.precision ?? null,
            phase: 'active',
            previous_term_id: prev.id,
            previous_end_date: prev.end_date,
            // The agreement link is never rolled over (amy#1935).
            agreement_url: input.agreementUrl ?? ''
          });
          await r.updateTerm(prev.id, { phase: 'renewed' });
          await r.addEvent({
            term_id: prev.id,
            kind: 'phase',
            from_value: prev.phase,
            to_value: 'renewed',
            actor,
            reason: input.reason ?? 'renewed'
          });
          await r.addEvent({
            term_id: id,
            kind: 'created',
            from_value: null,
            to_value: 'active',
            actor,
            reason: `renewal of term ${prev.seq}`
          });
          await r.insertChecklist(id, CHECKLIST_TEMPLATE);
          await reconcileCommunity(ctx, r, prev.community_id);
          return { term: termDto((await r.findTerm(id)) as TermRow), gapDays };
        }
      );
    },

    /** Moves the end later; stores the new end and the day count; a term with a successor cannot grow. */
    async extend(
      actor: string,
      termId: number,
      input: { endDate: IsoDate; reason: string }
    ) {
      return change(
        actor,
        'partnerships.term.extend',
        `term:${termId}`,
        { ...input },
        async r => {
          const t = await needTerm(r, termId, true);
          if (TERMINAL_PHASES.includes(t.phase as Phase))
            fail(
              409,
              'illegal_transition',
              `a ${t.phase} term cannot be extended`
            );
          if (input.endDate <= t.end_date)
            fail(400, 'validation', `body/endDate must be after ${t.end_date}`);
          if ((await r.successorOf(t.id)) !== null)
            fail(409, 'overlap', 'the next term already starts after this one');
          const days = daysBetween(t.end_date, input.endDate);
          await r.updateTerm(t.id, { end_date: input.endDate });
          await r.addExtension({
            term_id: t.id,
            previous_end: t.end_date,
            new_end: input.endDate,
            days,
            actor,
            reason: input.reason
          });
          await r.addEvent({
            term_id: t.id,
            kind: 'extension',
            from_value: t.end_date,
            to_value: input.endDate,
            actor,
            reason: input.reason
          });
          await reconcileCommunity(ctx, r, t.community_id);
          return {
            term: termDto((await r.findTerm(t.id)) as TermRow),
            extensionDays: days
          };
        }
      );
    },

    /** Edits the guaranteed-service date or the agreement link; reminders follow. */
    async editTerm(
      actor: string,
      termId: number,
      input: { guaranteedService?: string | null; agreementUrl?: string }
    ) {
      return change(
        actor,
        'partnerships.term.edit',
        `term:${termId}`,
        { ...input },
        async r => {
          const t = await needTerm(r, termId, true);
          const set: Parameters<PartnershipsRepository['updateTerm']>[1] = {};
          if (input.guaranteedService !== undefined) {
            const gs =
              input.guaranteedService === null
                ? null
                : guaranteed(input.guaranteedService);
            set.guaranteed_service_date = gs?.date ?? null;
            set.guaranteed_service_precision = gs?.precision ?? null;
            await r.addEvent({
              term_id: t.id,
              kind: 'edit',
              from_value: `guaranteed_service:${t.guaranteed_service_date ?? ''}`,
              to_value: `guaranteed_service:${gs?.date ?? ''}`,
              actor
            });
          }
          if (input.agreementUrl !== undefined)
            set.agreement_url = input.agreementUrl;
          await r.updateTerm(t.id, set);
          await reconcileCommunity(ctx, r, t.community_id);
          return termDto((await r.findTerm(t.id)) as TermRow);
        }
      );
    },

    /** A phase move; illegal ones are refused with 409 and logged. */
    async transition(
      actor: string,
      termId: number,
      input: { to: Phase; reason: string }
    ) {
      return change(
        actor,
        'partnerships.term.transition',
        `term:${termId}`,
        { ...input },
        async r => {
          const t = await needTerm(r, termId, true);
          const from = t.phase as Phase;
          if (!canTransition(from, input.to)) {
            fail(
              409,
              'illegal_transition',
              `a term cannot move from ${from} to ${input.to}`
            );
          }
          if (input.to === 'renewed' && (await r.successorOf(t.id)) === null) {
            fail(
              409,
              'illegal_transition',
              'renew the term (POST …/renew) to create its successor'
            );
          }
          await r.updateTerm(t.id, { phase: input.to });
          await r.addEvent({
            term_id: t.id,
            kind: 'phase',
            from_value: from,
            to_value: input.to,
            actor,
            reason: input.reason
          });
          await reconcileCommunity(ctx, r, t.community_id);
          return termDto((await r.findTerm(t.id)) as TermRow);
        }
      );
    },

    /** Forces a derived status until a date (null: until cleared); logged. */
    async setOverride(
      actor: string,
      termId: number,
      input: {
        status: OverrideStatus | null;
        until: IsoDate | null;
        reason: string;
      }
    ) {
      return change(
        actor,
        'partnerships.term.override',
        `term:${termId}`,
        { ...input },
        async r => {
          const t = await needTerm(r, termId, true);
          if (input.status && t.phase !== 'active') {
            fail(
              409,
              'illegal_transition',
              'only an active term can carry a status override'
            );
          }
          const before = t.override_status
            ? `${t.override_status}@${t.override_until ?? 'permanent'}`
            : null;
          const after = input.status
            ? `${input.status}@${input.until ?? 'permanent'}`
            : null;
          await r.updateTerm(t.id, {
            override_status: input.status,
            override_until: input.status ? input.until : null
          });
          await r.addEvent({
            term_id: t.id,
            kind: 'override',
            from_value: before,
            to_value: after,
            actor,
            reason: input.reason
          });
          return termDto((await r.findTerm(t.id)) as TermRow);
        }
      );
    }
  };
}
