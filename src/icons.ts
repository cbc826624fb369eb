import { LabIcon } from '@jupyterlab/ui-components';

import catalystSvgstr from '../style/icons/catalyst.svg';

/** The Catalyst icon: side-panel tab and settings entry. */
export const catalystIcon = new LabIcon({
  name: 'jupyterlab-catalyst:catalyst',
  svgstr: catalystSvgstr
});
