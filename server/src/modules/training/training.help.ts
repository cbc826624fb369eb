/** "I'm stuck": learners flag a step; their hub's champions see and resolve the flags. */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../http-errors.js';
import type { HelpRepository, HelpRow } from './training.help.repository.js';
import type { HelpBody, HelpRequest } from './training.schemas.js';

/** A help row as the wire shows it. */
export function toHelpRequest(row: HelpRow): HelpRequest {
  const iso = (value: Date | string | null) =>
    value === null ? null : new Date(value).toISOString();
  return {
    id: row.id,
    user: row.user_name,
    tutorialId: row.tutorial_id,
    version: row.version,
    stepId: row.step_id,
    note: row.note,
    context: row.context,
    createdAt: iso(row.created_at) as string,
    resolvedAt: iso(row.resolved_at),
    resolvedBy: row.resolved_by
  };
}

/** Help rules over a repository; `hasStep` says whether the tutorial has the step. */
export function createHelpService(options: {
  repo: HelpRepository;
  hubId: string;
  hasStep: (tutorialId: string, stepId: string) => Promise<boolean>;
}) {
  const { repo, hubId, hasStep } = options;
  return {
    /** Records a request; the same key twice gives the first request back. */
    async ask(
      userName: string,
      body: HelpBody,
      key: string
    ): Promise<{ request: HelpRequest; created: boolean }> {
      if (!(await hasStep(body.tutorialId, body.stepId))) {
        throw new AppError(
          404,
          'not_found',
          `no step ${body.stepId} in tutorial ${body.tutorialId}`
        );
      }
      const note = body.note?.trim() || null;
      const { row, created } = await repo.create({
        id: randomUUID(),
        hubId,
        userName,
        clientKey: key,
        tutorialId: body.tutorialId,
        version: body.version,
        stepId: body.stepId,
        note,
        context: body.context ?? null
      });
      return { request: toHelpRequest(row), created };
    },

    /** This hub's requests (the caller checked the role). */
    async list(openOnly: boolean): Promise<HelpRequest[]> {
      return (await repo.forHub(hubId, openOnly)).map(toHelpRequest);
    },

    /** Marks one resolved; 404 for another hub's request. */
    async resolve(id: string, by: string): Promise<HelpRequest> {
      const row = await repo.resolve(hubId, id, by);
      if (!row) {
        throw new AppError(404, 'not_found', `no help request ${id}`);
      }
      return toHelpRequest(row);
    }
  };
}
