/** Reminders delivered to this person (term ends, guaranteed service, vacant roles), newest first. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { IInboxReminder, PartnershipsApi } from '../api/partnerships';
import { reminderLabels } from './labels';

/** The inbox at the top of the partnerships view; `showCommunity` for the Core Team, who see all. */
export function ReminderInbox(props: {
  api: PartnershipsApi;
  trans: TranslationBundle;
  showCommunity: boolean;
}): JSX.Element | null {
  const { api, trans, showCommunity } = props;
  const [items, setItems] = React.useState<IInboxReminder[] | null>(null);
  const [message, setMessage] = React.useState('');
  const label = reminderLabels(trans);

  React.useEffect(() => {
    let live = true;
    api.inbox().then(
      answer => live && setItems(answer.reminders),
      (e: Error) => live && setMessage(e.message)
    );
    return () => {
      live = false;
    };
  }, [api]);

  const markRead = async (item: IInboxReminder) => {
    try {
      const read = await api.markReminderRead(item.id);
      setItems(list => list?.map(x => (x.id === item.id ? read : x)) ?? null);
      setMessage(trans.__('Marked as read.'));
    } catch (e) {
      setMessage((e as Error).message);
    }
  };

  if (items === null && !message) {
    return null;
  }
  const unread = items?.filter(x => x.readAt === null).length ?? 0;
  return (
    <section
      className="jp-Catalyst-partnerships-inbox"
      aria-label={trans.__('Reminders for you')}
    >
      <h3>
        {unread > 0
          ? trans.__('Reminders for you (%1 new)', unread)
          : trans.__('Reminders for you')}
      </h3>
      {items && items.length === 0 && (
        <p className="jp-Catalyst-partnerships-empty">
          {trans.__('No reminders for you.')}
        </p>
      )}
      {items && items.length > 0 && (
        <ul>
          {items.map(item => (
            <li
              key={item.id}
              data-kind={item.kind}
              data-read={item.readAt ? 'yes' : 'no'}
              className={
                item.readAt ? undefined : 'jp-Catalyst-partnerships-unread'
              }
            >
              <span>
                {showCommunity && <strong>{item.communitySlug}: </strong>}
                {label(item.kind)}{' '}
                <span className="jp-Catalyst-partnerships-muted">
                  ({trans.__('date: %1', item.anchorDate)})
                </span>
              </span>
              {item.readAt === null && (
                <button
                  type="button"
                  className="jp-mod-styled"
                  onClick={() => void markRead(item)}
                  aria-label={trans.__('Mark as read: %1', label(item.kind))}
                >
                  {trans.__('Mark as read')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p aria-live="polite" className="jp-Catalyst-partnerships-message">
        {message}
      </p>
    </section>
  );
}
