/** A term's responsibilities checklist. */
import { type ChecklistRow } from './partnerships.repository.js';
import {
  type PartnershipsContext,
  type Viewer,
  fail
} from './partnerships.context.js';

/** A term's responsibilities checklist. */
export function createChecklistService(ctx: PartnershipsContext) {
  const { clock, repo, checklistDto, assertCanRead, change, needTerm } = ctx;
  return {
    /** Ticks (or unticks) a checklist item of a community the viewer may touch. */
    async tick(
      v: Viewer,
      itemId: number,
      input: { done: boolean; evidenceUrl?: string }
    ) {
      const item = await repo.checklistItem(itemId);
      if (!item) fail(404, 'not_found', `no checklist item ${itemId}`);
      const t = await needTerm(repo, item.term_id);
      await assertCanRead(v, t.community_id);
      return change(
        v.name,
        'partnerships.checklist.tick',
        `checklist:${itemId}`,
        { ...input },
        async r => {
          await r.setChecklistItem(itemId, {
            done_at: input.done ? clock.now() : null,
            done_by: input.done ? v.name : null,
            evidence_url:
              input.evidenceUrl ?? (input.done ? item.evidence_url : '')
          });
          return checklistDto((await r.checklistItem(itemId)) as ChecklistRow);
        }
      );
    }
  };
}
