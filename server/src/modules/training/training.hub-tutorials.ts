/** Tutorials a Hub Champion adds for their hub: validated by the same compiler, stored per hub. */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { AppError } from '../../http-errors.js';
import { compileTutorial, type TutorialError } from './tutorial-compiler.js';
import type { CompiledTutorial, TutorialStep } from './tutorial.schema.js';

/** Largest tutorial file accepted (the route's body limit is a little above). */
export const MAX_TUTORIAL_BYTES = 200_000;

/** A tutorial file that does not compile: the errors name line and field. */
export class TutorialInvalid extends Error {
  constructor(readonly errors: TutorialError[]) {
    super('the tutorial does not compile');
    this.name = 'TutorialInvalid';
  }
}

/** What learners see of a step: a change here reopens it in a new version. */
export function stepHash(step: TutorialStep): string {
  return createHash('sha256')
    .update(JSON.stringify({ text: step.text, check: step.check }))
    .digest('hex');
}

/** The steps of `next` whose id, text and check are as in `previous`. */
export function unchangedSteps(
  previous: CompiledTutorial,
  next: CompiledTutorial
): string[] {
  const before = new Map(previous.steps.map(step => [step.id, stepHash(step)]));
  return next.steps
    .filter(step => before.get(step.id) === stepHash(step))
    .map(step => step.id);
}

/** Stores and lists one hub's own tutorials. */
export function createHubTutorials(options: {
  db: Kysely<Database>;
  hubId: string;
  /** Ids of the shipped tutorials, which a hub cannot replace. */
  shippedIds: Set<string>;
}) {
  const { db, hubId, shippedIds } = options;
  return {
    /** This hub's tutorials, compiled. */
    async list(): Promise<CompiledTutorial[]> {
      const rows = await db
        .selectFrom('training_hub_tutorials')
        .select('compiled')
        .where('hub_id', '=', hubId)
        .orderBy('tutorial_id')
        .execute();
      return rows.map(row => row.compiled as unknown as CompiledTutorial);
    },

    /** One of this hub's tutorials, or undefined. */
    async get(id: string): Promise<CompiledTutorial | undefined> {
      const row = await db
        .selectFrom('training_hub_tutorials')
        .select('compiled')
        .where('hub_id', '=', hubId)
        .where('tutorial_id', '=', id)
        .executeTakeFirst();
      return row?.compiled as unknown as CompiledTutorial | undefined;
    },

    /**
     * Compiles and stores a tutorial file; a new version records which steps carry their passes.
     *
     * #### Notes
     * The same version twice must be the same file (409 otherwise), so learners' progress on a
     * version always refers to one text.
     */
    async upload(
      fileName: string,
      source: string,
      by: string
    ): Promise<{ tutorial: CompiledTutorial; created: boolean }> {
      const result = compileTutorial(fileName, source);
      if (!result.tutorial) {
        throw new TutorialInvalid(result.errors);
      }
      const next: CompiledTutorial = result.tutorial;
      if (shippedIds.has(next.id)) {
        throw new AppError(
          409,
          'conflict',
          `${next.id} is a tutorial shipped with Catalyst; give yours another id`
        );
      }
      return db.transaction().execute(async trx => {
        const existing = await trx
          .selectFrom('training_hub_tutorials')
          .select(['compiled', 'source', 'version'])
          .where('hub_id', '=', hubId)
          .where('tutorial_id', '=', next.id)
          .forUpdate()
          .executeTakeFirst();
        const previous = existing?.compiled as unknown as
          CompiledTutorial | undefined;
        if (existing && existing.version === next.version) {
          if (existing.source === source) {
            return { tutorial: previous as CompiledTutorial, created: false };
          }
          throw new AppError(
            409,
            'conflict',
            `version ${next.version} of ${next.id} is already on this hub with other content; raise the version`
          );
        }
        if (previous) {
          next.carriesFrom = {
            version: previous.version,
            steps: unchangedSteps(previous, next)
          };
        }
        const row = {
          hub_id: hubId,
          tutorial_id: next.id,
          version: next.version,
          source,
          compiled: JSON.stringify(next),
          uploaded_by: by,
          uploaded_at: new Date()
        };
        await trx
          .insertInto('training_hub_tutorials')
          .values(row)
          .onConflict(oc =>
            oc.columns(['hub_id', 'tutorial_id']).doUpdateSet({
              version: row.version,
              source: row.source,
              compiled: row.compiled,
              uploaded_by: row.uploaded_by,
              uploaded_at: row.uploaded_at
            })
          )
          .execute();
        return { tutorial: next, created: true };
      });
    },

    /** Compiles a file without storing it: its errors, or what it would become. */
    check(fileName: string, source: string) {
      const result = compileTutorial(fileName, source);
      if (result.tutorial && shippedIds.has(result.tutorial.id)) {
        return {
          errors: [
            {
              file: fileName,
              line: 2,
              field: 'id',
              message: 'is the id of a tutorial shipped with Catalyst'
            }
          ]
        };
      }
      return { errors: result.errors };
    },

    /** Removes one of this hub's tutorials; false when there was none. Progress stays. */
    async remove(id: string): Promise<boolean> {
      const result = await db
        .deleteFrom('training_hub_tutorials')
        .where('hub_id', '=', hubId)
        .where('tutorial_id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    }
  };
}

/** The hub tutorials store's interface. */
export type HubTutorials = ReturnType<typeof createHubTutorials>;
