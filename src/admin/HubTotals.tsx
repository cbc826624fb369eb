/** The hub's totals: users, running servers and active users in 24 h, 7 days and 30 days. */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import type { AdminApi, IHubTotals } from '../api/admin';

/** A row of figures; nothing when the totals cannot be read (the table still works). */
export function HubTotals(props: {
  api: AdminApi;
  trans: TranslationBundle;
}): JSX.Element | null {
  const { api, trans } = props;
  const [totals, setTotals] = React.useState<IHubTotals | null>(null);
  React.useEffect(() => {
    api.totals().then(setTotals, () => setTotals(null));
  }, [api]);
  if (!totals) {
    return null;
  }
  const figures: [string, number][] = [
    [trans.__('Users'), totals.users],
    [trans.__('Running servers'), totals.runningServers],
    [trans.__('Active in 24 h'), totals.active24h],
    [trans.__('Active in 7 days'), totals.active7d],
    [trans.__('Active in 30 days'), totals.active30d]
  ];
  return (
    <dl
      className="jp-Catalyst-admin-totals"
      title={
        totals.source === 'metrics'
          ? trans.__('From the hub’s metrics')
          : trans.__('Counted from the hub’s user list')
      }
    >
      {figures.map(([label, value]) => (
        <div key={label} className="jp-Catalyst-admin-total-item">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
