/** Translated names of states, topics, delivery states and the service's error codes. */
import type { TranslationBundle } from '@jupyterlab/translation';

import type { FeedbackState } from '../api/feedback';
import type { DeliveryState } from './outbox';
import type { IDraftProblem } from './validation';

/** The name of a triage state. */
export function stateLabel(trans: TranslationBundle, state: string): string {
  const labels: Record<FeedbackState, string> = {
    new: trans.__('New'),
    under_review: trans.__('Under review'),
    accepted: trans.__('Accepted'),
    implemented: trans.__('Implemented'),
    declined: trans.__('Declined'),
    merged: trans.__('Merged'),
    withdrawn: trans.__('Withdrawn')
  };
  return labels[state as FeedbackState] ?? state;
}

/** The name of a topic. */
export function topicLabel(trans: TranslationBundle, topic: string): string {
  const labels: Record<string, string> = {
    governance: trans.__('Governance'),
    training: trans.__('Training'),
    'hub-service': trans.__('Hub service'),
    partnership: trans.__('Partnership'),
    accessibility: trans.__('Accessibility'),
    other: trans.__('Other'),
    consultation: trans.__('Consultation')
  };
  return labels[topic] ?? topic;
}

/** The name of a delivery state of the outbox. */
export function deliveryLabel(
  trans: TranslationBundle,
  state: DeliveryState
): string {
  switch (state) {
    case 'queued':
      return trans.__('Queued: kept in this browser until the service answers');
    case 'sent':
      return trans.__('Sent');
    case 'answered':
      return trans.__('Answered');
    case 'held':
      return trans.__('Not sent: your draft is kept');
    case 'refused':
      return trans.__('Not accepted: your draft is kept');
  }
}

/** A wait as people say it: seconds under two minutes, then minutes, then hours (rounded up). */
export function waitLabel(trans: TranslationBundle, seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 120) {
    return trans.__('%1 s', s);
  }
  if (s < 7200) {
    return trans.__('%1 min', Math.ceil(s / 60));
  }
  return trans.__('%1 h', Math.ceil(s / 3600));
}

/** Why the service held back or refused a submission, in the person's language. */
export function reasonLabel(
  trans: TranslationBundle,
  code: string,
  message: string
): string {
  switch (code) {
    case 'consultation_closed':
      return trans.__('The consultation closed before your reply arrived.');
    case 'consultation_not_open':
      return trans.__('The consultation is not open yet.');
    case 'not_addressed':
      return trans.__('This consultation is not addressed to your community.');
    case 'already_replied':
      return trans.__('You have already replied to this consultation.');
    case 'idempotency_mismatch':
      return trans.__(
        'The service already holds a different text under this submission.'
      );
    default:
      return message;
  }
}

/** The message of a form problem. */
export function problemLabel(
  trans: TranslationBundle,
  problem: IDraftProblem,
  limits: { titleMin: number; titleMax: number; bodyMax: number }
): string {
  const { field, code } = problem;
  if (field === 'target') {
    if (code === 'consultation_closed') {
      return trans.__(
        'This consultation is closed: your draft is kept, choose a topic to send it as open input.'
      );
    }
    if (code === 'consultation_not_open') {
      return trans.__('This consultation is not open yet.');
    }
    return trans.__('Choose a topic or a consultation.');
  }
  if (field === 'title') {
    if (code === 'missing') {
      return trans.__('Write a title.');
    }
    return trans.__(
      'The title needs %1 to %2 characters.',
      limits.titleMin,
      limits.titleMax
    );
  }
  if (field === 'body') {
    if (code === 'missing') {
      return trans.__('Write your feedback.');
    }
    return trans.__('The text can have at most %1 characters.', limits.bodyMax);
  }
  return trans.__('Choose a language.');
}

/** A language tag's name in the UI language, e.g. "español" for `es`. */
export function languageName(tag: string, uiLanguage: string): string {
  try {
    const names = new Intl.DisplayNames([uiLanguage], { type: 'language' });
    return names.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A UTC time shown in the person's zone, with the zone named. */
export function localTime(iso: string, uiLanguage: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  try {
    return new Intl.DateTimeFormat(uiLanguage, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZoneName: 'short'
    }).format(date);
  } catch {
    return date.toString();
  }
}
