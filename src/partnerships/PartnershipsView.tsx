/** The partnership views: the Core Team table of communities and a community card (the champion's own). */
import type { TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import * as React from 'react';

import type {
  ChampionRole,
  ICommunityCard,
  ICommunitySummary,
  PartnershipsApi
} from '../api/partnerships';
import type { Role } from '../api/types';
import {
  checklistLabels,
  reminderLabels,
  roleLabels,
  statusLabels
} from './labels';
import { EnrolmentItem } from './EnrolmentItem';
import { MyData } from './MyData';
import { ReminderInbox } from './ReminderInbox';

/** Props shared by the views. */
interface IViewProps {
  api: PartnershipsApi;
  trans: TranslationBundle;
}

type SortKey = 'status' | 'end' | 'name';

const STATUS_ORDER: Record<string, number> = {
  'renewal-due': 0,
  ended: 1,
  active: 2,
  upcoming: 3,
  onboarding: 4,
  applied: 5
};

/** Sorts and filters the table rows; renewal-due first by default. */
export function arrangeRows(
  rows: ICommunitySummary[],
  filter: string,
  status: string,
  sort: SortKey
): ICommunitySummary[] {
  const needle = filter.trim().toLowerCase();
  return rows
    .filter(
      row =>
        (!status || row.status === status) &&
        (!needle ||
          [row.name, row.slug, row.country, row.region]
            .join(' ')
            .toLowerCase()
            .includes(needle))
    )
    .sort((a, b) => {
      if (sort === 'name') {
        return a.name.localeCompare(b.name);
      }
      if (sort === 'end') {
        return (a.endDate ?? '9999').localeCompare(b.endDate ?? '9999');
      }
      return (
        (STATUS_ORDER[a.status ?? ''] ?? 9) -
          (STATUS_ORDER[b.status ?? ''] ?? 9) ||
        (a.endDate ?? '9999').localeCompare(b.endDate ?? '9999')
      );
    });
}

function useLoad<T>(
  load: () => Promise<T>,
  deps: unknown[]
): [T | null, string, () => void] {
  const [value, setValue] = React.useState<T | null>(null);
  const [error, setError] = React.useState('');
  const [tick, setTick] = React.useState(0);
  React.useEffect(() => {
    let live = true;
    load().then(
      v => live && (setValue(v), setError('')),
      (e: Error) => live && setError(e.message)
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return [value, error, () => setTick(t => t + 1)];
}

/** The Core Team table. */
export function CommunityTable(
  props: IViewProps & { onOpen: (slug: string) => void }
): JSX.Element {
  const { api, trans } = props;
  const [data, error] = useLoad(() => api.list(), []);
  const [filter, setFilter] = React.useState('');
  const [status, setStatus] = React.useState('');
  const [sort, setSort] = React.useState<SortKey>('status');
  const label = statusLabels(trans);
  if (error) {
    return <p className="jp-Catalyst-partnerships-error">{error}</p>;
  }
  if (!data) {
    return <p>{trans.__('Loading…')}</p>;
  }
  const rows = arrangeRows(data.communities, filter, status, sort);
  return (
    <div className="jp-Catalyst-partnerships-table">
      <div className="jp-Catalyst-partnerships-toolbar">
        <input
          type="search"
          aria-label={trans.__('Filter communities')}
          placeholder={trans.__('Filter communities')}
          value={filter}
          onChange={e => setFilter(e.target.value)}
        />
        <select
          aria-label={trans.__('Status')}
          value={status}
          onChange={e => setStatus(e.target.value)}
        >
          <option value="">{trans.__('All statuses')}</option>
          {Object.keys(STATUS_ORDER).map(s => (
            <option key={s} value={s}>
              {label(s)}
            </option>
          ))}
        </select>
        <select
          aria-label={trans.__('Sort by')}
          value={sort}
          onChange={e => setSort(e.target.value as SortKey)}
        >
          <option value="status">{trans.__('Renewal due first')}</option>
          <option value="end">{trans.__('Term end')}</option>
          <option value="name">{trans.__('Name')}</option>
        </select>
        <span>{trans.__('Today: %1', data.today)}</span>
      </div>
      <table>
        <thead>
          <tr>
            <th>{trans.__('Community')}</th>
            <th>{trans.__('Region')}</th>
            <th>{trans.__('Phase')}</th>
            <th>{trans.__('Status')}</th>
            <th>{trans.__('Term end')}</th>
            <th>{trans.__('Days left')}</th>
            <th>{trans.__('Hub Champion')}</th>
            <th>{trans.__('Community Champion')}</th>
            <th>{trans.__('Checklist')}</th>
            <th>{trans.__('Training')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(row => (
            <tr
              key={row.slug}
              data-status={row.status ?? ''}
              className="jp-Catalyst-partnerships-row"
              onClick={() => props.onOpen(row.slug)}
            >
              <td>
                <button
                  className="jp-Catalyst-partnerships-link"
                  onClick={() => props.onOpen(row.slug)}
                >
                  {row.name}
                </button>
              </td>
              <td>{row.region}</td>
              <td>{label(row.phase)}</td>
              <td>{label(row.status)}</td>
              <td>{row.endDate ?? '—'}</td>
              <td>{row.daysLeft ?? '—'}</td>
              <td>{row.champions.hub_champion ?? trans.__('Vacant')}</td>
              <td>{row.champions.community_champion ?? trans.__('Vacant')}</td>
              <td>
                {row.checklist.done}/{row.checklist.total}
              </td>
              <td>
                {row.training.completed}/{row.training.total}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A community card; the Core Team also gets the actions. */
export function CommunityCard(
  props: IViewProps & { slug: string | null; core: boolean }
): JSX.Element {
  const { api, trans, slug, core } = props;
  const [card, error, reload] = useLoad<ICommunityCard>(
    () => (slug ? api.card(slug) : api.own()),
    [slug]
  );
  const [message, setMessage] = React.useState('');
  const [role, setRole] = React.useState<ChampionRole>('hub_champion');
  const [email, setEmail] = React.useState('');
  const [start, setStart] = React.useState('');
  const status = statusLabels(trans);
  const roles = roleLabels(trans);
  const checklist = checklistLabels(trans);
  const reminder = reminderLabels(trans);
  if (error) {
    return <p className="jp-Catalyst-partnerships-error">{error}</p>;
  }
  if (!card) {
    return <p>{trans.__('Loading…')}</p>;
  }
  const act = (work: Promise<unknown>, done: string) =>
    work.then(
      () => {
        setMessage(done);
        reload();
      },
      (e: Error) => setMessage(e.message)
    );
  const current = card.terms[card.terms.length - 1];
  return (
    <div
      className="jp-Catalyst-partnerships-card"
      lang={card.community.language}
    >
      <h2>{card.community.name}</h2>
      <p>
        {card.community.country} · {card.community.region} ·{' '}
        {status(card.summary.status)}
      </p>
      {card.vacancies.length > 0 && (
        <p className="jp-Catalyst-partnerships-warning" role="alert">
          {trans.__('Vacant role: %1', card.vacancies.map(roles).join(', '))}
        </p>
      )}
      <h3>{trans.__('Dates')}</h3>
      <dl className="jp-Catalyst-partnerships-dates">
        <dt>{trans.__('Term end')}</dt>
        <dd>{card.dates.termEnd ?? '—'}</dd>
        <dt>{trans.__('Service guaranteed until')}</dt>
        <dd>{card.dates.guaranteedService ?? '—'}</dd>
        <dt>{trans.__('Proposed decommission')}</dt>
        <dd>{card.dates.decommissionProposed ?? '—'}</dd>
        <dt>{trans.__('Decommissioned')}</dt>
        <dd>{card.dates.decommissioned ?? '—'}</dd>
      </dl>
      {card.reminders.length > 0 && (
        <>
          <h3>{trans.__('Reminders')}</h3>
          <ul className="jp-Catalyst-partnerships-reminders">
            {card.reminders.map(r => (
              <li key={r.id} data-kind={r.kind}>
                {r.dueAt.slice(0, 10)}: {reminder(r.kind)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{trans.__('Champions')}</h3>
      <ul>
        {card.roles.map(r => (
          <li key={r.id}>
            {roles(r.role)}: {r.person.name || r.person.email} ({r.startDate} –{' '}
            {r.endDate ?? trans.__('present')})
          </li>
        ))}
      </ul>
      <h3>{trans.__('Responsibilities')}</h3>
      <ul className="jp-Catalyst-partnerships-checklist">
        {card.checklist.map(item => (
          <li key={item.id}>
            <label>
              <input
                type="checkbox"
                checked={item.done}
                onChange={e =>
                  void act(
                    api.tick(item.id, e.target.checked),
                    trans.__('Saved.')
                  )
                }
              />
              {checklist(item.key)}
            </label>
            {item.doneBy && (
              <span> — {trans.__('ticked by %1', item.doneBy)}</span>
            )}
          </li>
        ))}
      </ul>
      <h3>{trans.__('Training')}</h3>
      <ul>
        {card.enrolments.map(e => (
          <EnrolmentItem
            key={e.id}
            api={api}
            trans={trans}
            enrolment={e}
            onChanged={reload}
          />
        ))}
      </ul>
      {core && current && (
        <div className="jp-Catalyst-partnerships-actions">
          <h3>{trans.__('Actions')}</h3>
          <button
            className="jp-mod-styled"
            disabled={current.phase !== 'active'}
            onClick={() =>
              void act(api.renew(current.id), trans.__('Term renewed.'))
            }
          >
            {trans.__('Renew term')}
          </button>
          <form
            onSubmit={e => {
              e.preventDefault();
              void act(
                api.handover(card.community.slug, role, { email }, start),
                trans.__('Role handed over.')
              );
            }}
          >
            <select
              aria-label={trans.__('Role')}
              value={role}
              onChange={e => setRole(e.target.value as ChampionRole)}
            >
              <option value="hub_champion">{roles('hub_champion')}</option>
              <option value="community_champion">
                {roles('community_champion')}
              </option>
            </select>
            <input
              type="email"
              required
              aria-label={trans.__('New holder email')}
              placeholder={trans.__('New holder email')}
              value={email}
              onChange={e => setEmail(e.target.value)}
            />
            <input
              type="date"
              required
              aria-label={trans.__('From')}
              value={start}
              onChange={e => setStart(e.target.value)}
            />
            <button className="jp-mod-styled" type="submit">
              {trans.__('Hand over')}
            </button>
          </form>
        </div>
      )}
      {message && <p role="status">{message}</p>}
      <h3>{trans.__('History')}</h3>
      <ol className="jp-Catalyst-partnerships-history">
        {card.history.map((h, i) => (
          <li key={i}>
            {h.at.slice(0, 10)} · {h.actor} · {h.kind}: {h.from ?? '—'} →{' '}
            {h.to ?? '—'} {h.reason && `(${h.reason})`}
          </li>
        ))}
      </ol>
    </div>
  );
}

/** The main-area content: the table for the Core Team, the own card for champions. */
export function PartnershipsView(
  props: IViewProps & { roles: Role[] }
): JSX.Element {
  const core = props.roles.includes('core-team');
  const [open, setOpen] = React.useState<string | null>(null);
  const inbox = (
    <>
      <ReminderInbox api={props.api} trans={props.trans} showCommunity={core} />
      <MyData api={props.api} trans={props.trans} />
    </>
  );
  if (!core) {
    return (
      <>
        {inbox}
        <CommunityCard {...props} slug={null} core={false} />
      </>
    );
  }
  return (
    <>
      {inbox}
      <div className="jp-Catalyst-partnerships-split">
        <CommunityTable {...props} onOpen={setOpen} />
        {open && <CommunityCard {...props} slug={open} core={true} />}
      </div>
    </>
  );
}

/** The Lumino shell around the view. */
export class PartnershipsWidget extends ReactWidget {
  constructor(private _props: IViewProps & { roles: Role[] }) {
    super();
    this.addClass('jp-Catalyst-partnerships');
  }

  protected render(): JSX.Element {
    return <PartnershipsView {...this._props} />;
  }
}
