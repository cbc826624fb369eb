/** The partnership service: the parts in partnerships.*.ts over one shared context. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { createChampionsService } from './partnerships.champions.js';
import { createChecklistService } from './partnerships.checklist.js';
import { createCommunitiesService } from './partnerships.communities.js';
import {
  createPartnershipsContext,
  type Clock
} from './partnerships.context.js';
import { createEnrolmentsService } from './partnerships.enrolments.js';
import { createPeopleService } from './partnerships.people.js';
import {
  createRemindersService,
  reconcileCommunity
} from './partnerships.reminders.js';
import type { PartnershipsRepository } from './partnerships.repository.js';
import type { Policy } from './partnerships.rules.js';
import { createTermsService } from './partnerships.terms.js';
import type { CourseTutorial } from './partnerships.training-evidence.js';

export {
  CHAMPION_ROLES,
  CHECKLIST_TEMPLATE,
  ENROLMENT_STATUSES,
  PROGRAMMES,
  type ChampionRole,
  type Clock,
  type PersonInput,
  type Viewer
} from './partnerships.context.js';

/** The partnership service. */
export function createPartnershipsService(options: {
  db: Kysely<Database>;
  hubId: string;
  clock: Clock;
  policy?: Policy;
  course?: CourseTutorial[];
}) {
  const ctx = createPartnershipsContext(options);
  return {
    repo: ctx.repo,
    today: ctx.today,
    ownCommunity: ctx.ownCommunity,
    resolvePerson: ctx.resolvePerson,
    change: ctx.change,
    reconcileCommunity: (r: PartnershipsRepository, communityId: string) =>
      reconcileCommunity(ctx, r, communityId),
    ...createCommunitiesService(ctx),
    ...createTermsService(ctx),
    ...createChampionsService(ctx),
    ...createChecklistService(ctx),
    ...createEnrolmentsService(ctx),
    ...createRemindersService(ctx),
    ...createPeopleService(ctx)
  };
}

/** The partnership service's interface. */
export type PartnershipsService = ReturnType<typeof createPartnershipsService>;
