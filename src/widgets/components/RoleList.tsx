import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { type Role, ROLES } from '../../api/types';
import { roleLabel } from '../labels';

/** The user's Catalyst roles, in a fixed order, as a labelled list. */
export function RoleList(props: RoleList.IProps): JSX.Element {
  const { roles, trans } = props;
  // Known roles first in their usual order, then any role a newer service adds.
  const ordered = [
    ...ROLES.filter(role => roles.includes(role)),
    ...roles.filter(role => !ROLES.includes(role))
  ];
  return (
    <section
      className="jp-Catalyst-section"
      aria-labelledby="jp-Catalyst-roles-heading"
    >
      <h3 id="jp-Catalyst-roles-heading" className="jp-Catalyst-sectionTitle">
        {trans.__('Your roles')}
      </h3>
      <ul className="jp-Catalyst-roles">
        {ordered.map(role => (
          <li key={role} className="jp-Catalyst-role" data-role={role}>
            {roleLabel(role, trans)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The static namespace of RoleList. */
export namespace RoleList {
  /** Props of RoleList. */
  export interface IProps {
    roles: Role[];
    trans: TranslationBundle;
  }
}
