/** The form's checks, the same limits the service applies (docs/feedback.md "Limits"). */
import type { IConsultation } from '../api/feedback';

/** Title and body limits in characters (code points, after trimming). */
export const LIMITS = { titleMin: 10, titleMax: 120, bodyMax: 4000 };

/** A BCP-47 tag as the service accepts it. */
const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

/** What the person is writing. */
export interface IFeedbackDraft {
  /** `topic:<id>` or `consultation:<id>`, '' when not chosen. */
  target: string;
  title: string;
  body: string;
  lang: string;
  anonymous: boolean;
  attachContext: boolean;
}

/** One problem of a draft, by field. */
export interface IDraftProblem {
  field: 'target' | 'title' | 'body' | 'lang';
  code:
    | 'missing'
    | 'too_short'
    | 'too_long'
    | 'invalid'
    | 'consultation_closed'
    | 'consultation_not_open';
}

/** Length in characters as people count them (an emoji is one). */
export function charCount(text: string): number {
  return Array.from(text).length;
}

/** JupyterLab's locale (`es_ES`, `es-ES`, `en`) as a BCP-47 tag the service accepts. */
export function toLangTag(locale: string): string {
  const [base, ...rest] = (locale || 'en').replace(/_/g, '-').split('-');
  const tag = [base.toLowerCase(), ...rest].join('-');
  return LANG.test(tag) ? tag : 'en';
}

/** Every problem of a draft; none means it may be sent. */
export function validateDraft(
  draft: IFeedbackDraft,
  consultations: IConsultation[] = [],
  limits = LIMITS
): IDraftProblem[] {
  const problems: IDraftProblem[] = [];
  if (!draft.target) {
    problems.push({ field: 'target', code: 'missing' });
  } else if (draft.target.startsWith('consultation:')) {
    const id = draft.target.slice('consultation:'.length);
    const found = consultations.find(c => c.id === id);
    if (found?.status === 'closed') {
      problems.push({ field: 'target', code: 'consultation_closed' });
    } else if (found?.status === 'scheduled') {
      problems.push({ field: 'target', code: 'consultation_not_open' });
    }
  }
  const title = charCount(draft.title.trim());
  if (title === 0) {
    problems.push({ field: 'title', code: 'missing' });
  } else if (title < limits.titleMin) {
    problems.push({ field: 'title', code: 'too_short' });
  } else if (title > limits.titleMax) {
    problems.push({ field: 'title', code: 'too_long' });
  }
  const body = charCount(draft.body.trim());
  if (body === 0) {
    problems.push({ field: 'body', code: 'missing' });
  } else if (charCount(draft.body) > limits.bodyMax) {
    problems.push({ field: 'body', code: 'too_long' });
  }
  if (!LANG.test(draft.lang)) {
    problems.push({ field: 'lang', code: 'invalid' });
  }
  return problems;
}
