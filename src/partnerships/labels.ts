/** People-facing names of the partnership codes (the service speaks codes; the views translate them). */
import type { TranslationBundle } from '@jupyterlab/translation';

/** A code → label lookup that falls back to the code itself. */
export type Labels = (code: string | null | undefined) => string;

function lookup(map: Record<string, string>): Labels {
  return code => (code ? (map[code] ?? code) : '—');
}

/** Labels of statuses and phases. */
export function statusLabels(trans: TranslationBundle): Labels {
  return lookup({
    applied: trans.__('Applied'),
    onboarding: trans.__('Onboarding'),
    upcoming: trans.__('Starts soon'),
    active: trans.__('Active'),
    'renewal-due': trans.__('Renewal due'),
    ended: trans.__('Ended'),
    renewed: trans.__('Renewed'),
    graduated: trans.__('Graduated'),
    offboarded: trans.__('Offboarded')
  });
}

/** Labels of champion roles. */
export function roleLabels(trans: TranslationBundle): Labels {
  return lookup({
    hub_champion: trans.__('Hub Champion'),
    community_champion: trans.__('Community Champion')
  });
}

/** Labels of the responsibilities checklist. */
export function checklistLabels(trans: TranslationBundle): Labels {
  return lookup({
    champions_named: trans.__('Hub and Community Champions named'),
    hub_admins_set: trans.__('Hub administrators set'),
    hub_champion_training_done: trans.__('Hub Champion training completed'),
    open_seeds_nominees: trans.__('Open Seeds nominees proposed'),
    data_export_plan: trans.__('Data export plan agreed')
  });
}

/** Labels of programmes and enrolment states. */
export function trainingLabels(trans: TranslationBundle): Labels {
  return lookup({
    hub_champion_training: trans.__('Hub Champion training'),
    train_the_trainer: trans.__('Train the Trainer'),
    open_seeds: trans.__('Open Seeds (16 weeks)'),
    invited: trans.__('Invited'),
    enrolled: trans.__('Enrolled'),
    completed: trans.__('Completed'),
    withdrawn: trans.__('Withdrawn'),
    failed: trans.__('Failed'),
    asked_to_repeat: trans.__('Asked to repeat'),
    none: trans.__('No evidence'),
    not_evaluated: trans.__('Not evaluated'),
    accepted: trans.__('Accepted'),
    rejected: trans.__('Rejected')
  });
}

/** Labels of reminders (anchor date and offset, partnerships.md §4.11). */
export function reminderLabels(trans: TranslationBundle): Labels {
  return lookup({
    'term-start-30': trans.__('The term starts in 30 days: prepare onboarding'),
    'term-end-60': trans.__('The term ends in 60 days: talk about renewal'),
    'term-end-14': trans.__(
      'The term ends in 14 days: send usage, storage and the shutdown plan'
    ),
    'term-end-2': trans.__(
      'The term ends in 2 days: confirm the data migration'
    ),
    'guaranteed-service-60': trans.__('Guaranteed service ends in 60 days'),
    'role-vacant-hub_champion': trans.__('The Hub Champion role is vacant'),
    'role-vacant-community_champion': trans.__(
      'The Community Champion role is vacant'
    )
  });
}
