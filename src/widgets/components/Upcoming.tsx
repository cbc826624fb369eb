import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

/** Says where the features still to come will appear, so the panel's purpose is clear. */
export function Upcoming(props: Upcoming.IProps): JSX.Element {
  const { trans } = props;
  return (
    <section
      className="jp-Catalyst-section jp-Catalyst-upcoming"
      aria-labelledby="jp-Catalyst-upcoming-heading"
    >
      <h3
        id="jp-Catalyst-upcoming-heading"
        className="jp-Catalyst-sectionTitle"
      >
        {trans.__('Coming soon')}
      </h3>
      <dl className="jp-Catalyst-upcomingList">
        <dt>{trans.__('Training')}</dt>
        <dd>
          {trans.__(
            'Guided tutorials, including the Hub Champion Training, will open here.'
          )}
        </dd>
        <dt>{trans.__('Admin console')}</dt>
        <dd>
          {trans.__(
            'Hub Champions will manage their hub’s users and groups here.'
          )}
        </dd>
        <dt>{trans.__('Feedback')}</dt>
        <dd>
          {trans.__(
            'You will be able to send ideas and problems to the Catalyst team here.'
          )}
        </dd>
      </dl>
    </section>
  );
}

/** The static namespace of Upcoming. */
export namespace Upcoming {
  /** Props of Upcoming. */
  export interface IProps {
    trans: TranslationBundle;
  }
}
