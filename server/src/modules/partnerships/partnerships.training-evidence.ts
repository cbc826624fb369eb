/** Hub Champion training evidence read from the training panel: every episode's steps passed on this hub. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { compileFolder } from '../training/tutorial-compiler.js';

/** One tutorial of the course: its id, current version and steps. */
export interface CourseTutorial {
  id: string;
  version: string;
  stepIds: string[];
}

/** The Hub Champion Training's episodes as shipped (tutorial ids `hub-champion-*`), in order. */
export async function loadHubChampionCourse(
  tutorialsDir: string
): Promise<CourseTutorial[]> {
  const { tutorials } = await compileFolder(tutorialsDir);
  return tutorials
    .filter(t => t.id.startsWith('hub-champion-'))
    .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }))
    .map(t => ({
      id: t.id,
      version: t.version,
      stepIds: t.steps.map(s => s.id)
    }));
}

/** What a person's progress shows: which episodes are complete, and when the last step passed. */
export interface CourseProgress {
  completed: string[];
  total: number;
  lastPassedAt: Date | null;
}

/** Reads one hub user's passed steps of the course's current versions from the training tables. */
export async function courseProgress(
  db: Kysely<Database>,
  hubId: string,
  userName: string,
  course: CourseTutorial[]
): Promise<CourseProgress> {
  if (course.length === 0)
    return { completed: [], total: 0, lastPassedAt: null };
  const rows = await db
    .selectFrom('training_progress')
    .select(['tutorial_id', 'version', 'step_id', 'first_passed_at'])
    .where('hub_id', '=', hubId)
    .where('user_name', '=', userName)
    .where('status', '=', 'passed')
    .where(
      'tutorial_id',
      'in',
      course.map(t => t.id)
    )
    .execute();
  const completed: string[] = [];
  let last: Date | null = null;
  for (const tutorial of course) {
    // Only the current version counts: a changed episode has to be passed again.
    const passed = rows.filter(
      r => r.tutorial_id === tutorial.id && r.version === tutorial.version
    );
    const ids = new Set(passed.map(r => r.step_id));
    if (!tutorial.stepIds.every(id => ids.has(id))) continue;
    completed.push(tutorial.id);
    for (const r of passed) {
      const at = r.first_passed_at ? new Date(r.first_passed_at) : null;
      if (at && (!last || at > last)) last = at;
    }
  }
  return { completed, total: course.length, lastPassedAt: last };
}

/** The evidence link stored for progress verified from the training panel. */
export function trainingEvidenceUrl(hubId: string, userName: string): string {
  return `catalyst:training/${encodeURIComponent(hubId)}/${encodeURIComponent(userName)}`;
}
