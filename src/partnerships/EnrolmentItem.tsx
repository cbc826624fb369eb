/** One training enrolment on a community card, with its evidence and the ways to submit it. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IEnrolment, PartnershipsApi } from '../api/partnerships';
import { trainingLabels } from './labels';

const TRAINING_EVIDENCE = 'catalyst:training/';

/** An enrolment line; `onChanged` reloads the card after evidence was recorded. */
export function EnrolmentItem(props: {
  api: PartnershipsApi;
  trans: TranslationBundle;
  enrolment: IEnrolment;
  onChanged: () => void;
}): JSX.Element {
  const { api, trans, enrolment: e, onChanged } = props;
  const training = trainingLabels(trans);
  const [url, setUrl] = React.useState('');
  const [date, setDate] = React.useState('');
  const [message, setMessage] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const open = e.evidenceState !== 'accepted' && e.evidenceState !== 'rejected';

  const send = async (work: Promise<unknown>) => {
    setBusy(true);
    try {
      await work;
      setMessage(
        trans.__('Evidence recorded; the Core Team will evaluate it.')
      );
      onChanged();
    } catch (error) {
      setMessage((error as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li data-enrolment={e.id}>
      {e.person.name || e.person.email || e.person.githubHandle}:{' '}
      {training(e.programme)} {e.cohort} — {training(e.status)} (
      {training(e.evidenceState)})
      {e.evidenceUrl.startsWith(TRAINING_EVIDENCE) && (
        <span className="jp-Catalyst-partnerships-muted">
          {' '}
          {trans.__(
            'Verified from the training panel, completed %1',
            e.completedOn ?? '—'
          )}
        </span>
      )}
      {/^https?:\/\//.test(e.evidenceUrl) && (
        <>
          {' '}
          <a href={e.evidenceUrl} target="_blank" rel="noopener noreferrer">
            {trans.__('Evidence')}
          </a>
        </>
      )}
      {open && (
        <div className="jp-Catalyst-partnerships-evidence">
          {e.programme === 'hub_champion_training' && (
            <button
              type="button"
              className="jp-mod-styled"
              disabled={busy}
              onClick={() => void send(api.offerTrainingEvidence(e.id))}
            >
              {trans.__('Offer my training panel progress')}
            </button>
          )}
          <details>
            <summary>{trans.__('Submit a link as evidence')}</summary>
            <form
              onSubmit={event => {
                event.preventDefault();
                void send(api.submitEvidence(e.id, url, date));
              }}
            >
              <input
                type="url"
                required
                aria-label={trans.__('Evidence link')}
                placeholder={trans.__('https://…')}
                value={url}
                onChange={event => setUrl(event.target.value)}
              />
              <input
                type="date"
                required
                aria-label={trans.__('Completed on')}
                value={date}
                onChange={event => setDate(event.target.value)}
              />
              <button type="submit" className="jp-mod-styled" disabled={busy}>
                {trans.__('Submit evidence')}
              </button>
            </form>
          </details>
        </div>
      )}
      <span aria-live="polite" className="jp-Catalyst-partnerships-message">
        {message}
      </span>
    </li>
  );
}
