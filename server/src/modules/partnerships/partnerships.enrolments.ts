/** Training enrolments: enrol, status changes, evidence and repeats. */
import {
  latestRecordableDate,
  todayIn,
  type IsoDate
} from './partnerships.rules.js';
import {
  courseProgress,
  trainingEvidenceUrl
} from './partnerships.training-evidence.js';
import {
  type EnrolmentRow,
  type PartnershipsRepository
} from './partnerships.repository.js';
import {
  type PartnershipsContext,
  type PersonInput,
  type Viewer,
  fail
} from './partnerships.context.js';

/** Training enrolments: enrol, status changes, evidence and repeats. */
export function createEnrolmentsService(ctx: PartnershipsContext) {
  const {
    db,
    hubId,
    course,
    clock,
    repo,
    enrolmentDto,
    isCore,
    ownCommunity,
    change,
    needCommunity,
    resolvePerson
  } = ctx;
  return {
    /** Enrols a person in a programme. */
    async enrol(
      actor: string,
      input: {
        person: PersonInput;
        communitySlug?: string | null;
        programme: string;
        cohort?: string;
        language?: string;
        status?: string;
        startedOn?: IsoDate | null;
        notes?: string;
      }
    ) {
      return change(
        actor,
        'partnerships.enrolment.create',
        `programme:${input.programme}`,
        { ...input },
        async r => {
          if (input.communitySlug) await needCommunity(r, input.communitySlug);
          const status = input.status ?? 'invited';
          if (status === 'failed' && !input.notes)
            fail(
              400,
              'validation',
              'body/notes is required when status is failed'
            );
          const personId = await resolvePerson(r, input.person);
          if (
            await r.findEnrolmentByKey(
              personId,
              input.programme,
              input.cohort ?? ''
            )
          ) {
            fail(
              409,
              'conflict',
              'this person is already enrolled in that cohort'
            );
          }
          const id = await r.insertEnrolment({
            person_id: personId,
            community_id: input.communitySlug ?? null,
            programme: input.programme,
            cohort: input.cohort ?? '',
            language: input.language ?? 'en',
            status,
            started_on: input.startedOn ?? null,
            completed_on: null,
            notes: input.notes ?? ''
          });
          return enrolmentDto((await r.findEnrolment(id)) as EnrolmentRow);
        }
      );
    },

    /** Core Team changes an enrolment's status (a failure needs notes; completion dates may not be in the future). */
    async updateEnrolment(
      actor: string,
      id: number,
      input: {
        status?: string;
        notes?: string;
        completedOn?: IsoDate | null;
        startedOn?: IsoDate | null;
        evidenceState?: 'accepted' | 'rejected';
      }
    ) {
      return change(
        actor,
        'partnerships.enrolment.update',
        `enrolment:${id}`,
        { ...input },
        async r => {
          const e = await r.findEnrolment(id);
          if (!e) fail(404, 'not_found', `no enrolment ${id}`);
          const status = input.status ?? e.status;
          const notes = input.notes ?? e.notes;
          if (status === 'failed' && !notes)
            fail(
              400,
              'validation',
              'body/notes is required when status is failed'
            );
          if (
            input.completedOn &&
            input.completedOn > latestRecordableDate(clock.now())
          ) {
            fail(400, 'validation', 'body/completedOn is in the future');
          }
          if (input.evidenceState && e.evidence_state !== 'not_evaluated') {
            fail(
              409,
              'conflict',
              'there is no evidence waiting for evaluation'
            );
          }
          const set: Parameters<PartnershipsRepository['updateEnrolment']>[1] =
            { status, notes };
          if (input.completedOn !== undefined)
            set.completed_on = input.completedOn;
          if (input.startedOn !== undefined) set.started_on = input.startedOn;
          if (input.evidenceState) {
            set.evidence_state = input.evidenceState;
            if (
              input.evidenceState === 'accepted' &&
              input.status === undefined
            )
              set.status = 'completed';
          }
          await r.updateEnrolment(id, set);
          return enrolmentDto((await r.findEnrolment(id)) as EnrolmentRow);
        }
      );
    },

    /** A champion (or the Core Team) offers evidence of completion; it stays not evaluated until accepted. */
    async submitEvidence(
      v: Viewer,
      id: number,
      input: { evidenceUrl: string; completedOn: IsoDate }
    ) {
      const e = await repo.findEnrolment(id);
      if (!e) fail(404, 'not_found', `no enrolment ${id}`);
      if (
        !isCore(v) &&
        (!e.community_id || e.community_id !== (await ownCommunity()))
      ) {
        fail(
          403,
          'forbidden',
          "champions submit evidence only for their own community's enrolments"
        );
      }
      return change(
        v.name,
        'partnerships.enrolment.evidence',
        `enrolment:${id}`,
        { ...input },
        async r => {
          if (
            e.evidence_state === 'accepted' ||
            e.evidence_state === 'rejected'
          ) {
            fail(409, 'conflict', 'this evidence has already been evaluated');
          }
          // "Today" somewhere on Earth: the latest zone is UTC+14.
          if (input.completedOn > latestRecordableDate(clock.now())) {
            fail(400, 'validation', 'body/completedOn is in the future');
          }
          await r.updateEnrolment(id, {
            evidence_url: input.evidenceUrl,
            completed_on: input.completedOn,
            evidence_state: 'not_evaluated'
          });
          return enrolmentDto((await r.findEnrolment(id)) as EnrolmentRow);
        }
      );
    },

    /**
     * The enrolled person offers their training-panel progress as Hub Champion training evidence.
     * The service reads it from the training tables (never from the request); every episode's
     * current version must be passed. It stays not evaluated until the Core Team accepts it.
     */
    async offerTrainingEvidence(v: Viewer, id: number) {
      const e = await repo.findEnrolment(id);
      if (!e) fail(404, 'not_found', `no enrolment ${id}`);
      if (e.programme !== 'hub_champion_training')
        fail(
          409,
          'conflict',
          'training-panel evidence is for the Hub Champion training only'
        );
      const me = v.name.toLowerCase();
      const mine = [e.github_handle, e.person_email].some(
        x => x && x.toLowerCase() === me
      );
      if (!mine || e.community_id !== (await ownCommunity()))
        fail(
          403,
          'forbidden',
          'only the person enrolled, on their community’s hub, can offer their own training progress'
        );
      if (course.length === 0)
        fail(409, 'conflict', 'this hub has no Hub Champion tutorials');
      const progress = await courseProgress(db, hubId, v.name, course);
      if (progress.completed.length < progress.total || !progress.lastPassedAt)
        fail(
          409,
          'incomplete',
          `${progress.completed.length} of ${progress.total} Hub Champion episodes completed; finish them all first`
        );
      return this.submitEvidence(v, id, {
        evidenceUrl: trainingEvidenceUrl(hubId, v.name),
        completedOn: todayIn(progress.lastPassedAt, clock.zone)
      });
    },

    /** A repeat is a new row pointing at the old one. */
    async repeat(
      actor: string,
      id: number,
      input: { cohort: string; startedOn?: IsoDate | null }
    ) {
      return change(
        actor,
        'partnerships.enrolment.repeat',
        `enrolment:${id}`,
        { ...input },
        async r => {
          const e = await r.findEnrolment(id);
          if (!e) fail(404, 'not_found', `no enrolment ${id}`);
          if (e.status === 'asked_to_repeat' || e.status === 'failed') {
            // Expected: the earlier attempt stays as it is.
          } else if (e.status !== 'withdrawn') {
            fail(
              409,
              'conflict',
              `an enrolment in status ${e.status} is not repeated`
            );
          }
          if (
            await r.findEnrolmentByKey(e.person_id, e.programme, input.cohort)
          ) {
            fail(
              409,
              'conflict',
              'this person is already enrolled in that cohort'
            );
          }
          const newId = await r.insertEnrolment({
            person_id: e.person_id,
            community_id: e.community_id,
            programme: e.programme,
            cohort: input.cohort,
            language: e.language,
            status: 'enrolled',
            started_on: input.startedOn ?? null,
            completed_on: null,
            notes: '',
            repeat_of: e.id
          });
          return enrolmentDto((await r.findEnrolment(newId)) as EnrolmentRow);
        }
      );
    }
  };
}
