/** Training rules: the catalogue, progress updates (idempotent, newest wins) and who sees whose progress. */
import { AppError } from '../../http-errors.js';
import type { TrainingRepository, ProgressRow } from './training.repository.js';
import type { Cohort, Progress, ProgressBody } from './training.schemas.js';
import type { TutorialError } from './tutorial-compiler.js';
import type { HubTutorials } from './training.hub-tutorials.js';
import type { CompiledTutorial } from './tutorial.schema.js';

/** What the training service needs. */
export interface TrainingServiceOptions {
  repo: TrainingRepository;
  hubId: string;
  tutorials: CompiledTutorial[];
  errors: TutorialError[];
  /** This hub's own tutorials, added by its champions. */
  hubTutorials?: HubTutorials;
}

/** A step's progress as the wire shows it. */
export function toProgress(row: ProgressRow): Progress {
  return {
    tutorialId: row.tutorial_id,
    version: row.version,
    stepId: row.step_id,
    status: row.status,
    attempts: row.attempts,
    hintsUsed: row.hints_used,
    firstPassedAt: row.first_passed_at
      ? new Date(row.first_passed_at).toISOString()
      : null,
    updatedAt: new Date(row.client_updated_at).toISOString()
  };
}

/**
 * The answer kept under an idempotency key: the progress row it produced, or (keys stored before
 * the one-statement upsert) the answer itself.
 */
function fromStoredResponse(stored: Record<string, unknown>): Progress {
  return 'tutorial_id' in stored
    ? toProgress(stored as unknown as ProgressRow)
    : (stored as unknown as Progress);
}

/** Builds the service over a loaded catalogue. */
export function createTrainingService(options: TrainingServiceOptions) {
  const { repo, hubId, tutorials, errors, hubTutorials } = options;
  const byId = new Map(tutorials.map(tutorial => [tutorial.id, tutorial]));
  /** A shipped tutorial, else this hub's own (shipped ones never hit the database). */
  const find = async (id: string) =>
    byId.get(id) ?? (await hubTutorials?.get(id));
  const summary = (tutorial: CompiledTutorial, fromHub: boolean) => ({
    id: tutorial.id,
    version: tutorial.version,
    title: tutorial.title,
    languages: tutorial.languages,
    kernels: tutorial.kernels,
    minutes: tutorial.minutes,
    audience: tutorial.audience,
    prerequisites: tutorial.prerequisites,
    objectives: tutorial.objectives,
    stepIds: tutorial.steps.map(step => step.id),
    fromHub
  });

  return {
    /** The catalogue, shipped then this hub's; compile errors only for those who can fix them. */
    async catalogue(canSeeErrors: boolean) {
      const own = (await hubTutorials?.list()) ?? [];
      return {
        tutorials: [
          ...tutorials.map(t => summary(t, false)),
          ...own.map(t => summary(t, true))
        ],
        errors: canSeeErrors ? errors : []
      };
    },

    /** One compiled tutorial. */
    async tutorial(id: string): Promise<CompiledTutorial> {
      const tutorial = await find(id);
      if (!tutorial) {
        throw new AppError(404, 'not_found', `no tutorial ${id}`);
      }
      return tutorial;
    },

    /** Applies one update; with a key, a repeat answers what the first answered. */
    async saveProgress(
      userName: string,
      target: { tutorialId: string; version: string; stepId: string },
      body: ProgressBody,
      key: string | undefined
    ): Promise<Progress> {
      const tutorial = await find(target.tutorialId);
      if (!tutorial?.steps.some(step => step.id === target.stepId)) {
        throw new AppError(
          404,
          'not_found',
          `no step ${target.stepId} in tutorial ${target.tutorialId}`
        );
      }
      const clientTime = new Date(body.clientTime);
      const write = {
        hubId,
        userName,
        ...target,
        status: body.status,
        attempts: body.attempts,
        hintsUsed: body.hintsUsed,
        passedAt:
          body.status === 'passed'
            ? new Date(body.passedAt ?? body.clientTime)
            : null,
        clientUpdatedAt: clientTime
      };
      if (!key) {
        return toProgress(await repo.upsert(write));
      }
      const once = await repo.upsertOnce(write, key);
      if (once?.claimed) return toProgress(once.row);
      // The key was used before: its first answer, whatever happened since.
      const stored = await repo.storedResponse(hubId, userName, key);
      if (!stored) {
        throw new AppError(
          409,
          'conflict',
          'this Idempotency-Key is being used by another request'
        );
      }
      return fromStoredResponse(stored);
    },

    /** The signed-in user's own progress. */
    async myProgress(userName: string): Promise<Progress[]> {
      return (await repo.forUser(hubId, userName)).map(toProgress);
    },

    /** Every learner's progress on this hub (the caller checked the role). */
    async cohort(tutorialId?: string): Promise<Cohort> {
      const rows = await repo.forHub(hubId, tutorialId);
      return {
        hub: hubId,
        progress: rows.map(row => ({ ...toProgress(row), user: row.user_name }))
      };
    }
  };
}

/** The training service's interface. */
export type TrainingService = ReturnType<typeof createTrainingService>;
