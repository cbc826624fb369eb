/** Demo data: one open anonymous consultation, so `make demo` shows the feedback widget with something to answer. */
import type { FeedbackRepository } from './feedback.repository.js';

const DAY = 86400000;

/** Adds the demo consultation when none exists; returns whether it wrote. */
export async function seedDemoConsultation(
  repo: FeedbackRepository,
  { hubId, now }: { hubId: string; now: Date }
): Promise<boolean> {
  if (await repo.hasConsultations()) return false;
  await repo.insertConsultation({
    hub_id: hubId,
    question:
      'What should the Core Team prioritise for your hub next year? / ¿Qué debería priorizar el Equipo Central para tu hub el próximo año?',
    description:
      'Training, storage, GPUs, languages, partnership terms: tell us what would help your community most.',
    communities: [],
    languages: ['en', 'es'],
    opens_at: new Date(now.getTime() - DAY),
    closes_at: new Date(now.getTime() + 14 * DAY),
    anonymous: true,
    results_hidden: true,
    created_by: 'system:demo-seed'
  });
  return true;
}
