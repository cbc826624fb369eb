/** A dialog body holding one labelled radio group; the dialog's value is the chosen option. */
import { Widget } from '@lumino/widgets';

/** Radio groups made so far, for unique input names. */
let radioGroups = 0;

/** A radio group for showDialog; the first option starts chosen. */
export class RadioBody<T extends string> extends Widget {
  /** Create the group from [value, label] pairs under a legend. */
  constructor(options: [T, string][], legend: string) {
    super({ node: document.createElement('fieldset') });
    this.addClass('jp-Catalyst-feedback-radios');
    const title = document.createElement('legend');
    title.textContent = legend;
    this.node.appendChild(title);
    const name = `jp-Catalyst-radio-${++radioGroups}`;
    options.forEach(([value, label], index) => {
      const row = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'radio';
      input.name = name;
      input.value = value;
      input.checked = index === 0;
      row.appendChild(input);
      // Labels are set as text: they may repeat what people wrote.
      row.appendChild(document.createTextNode(` ${label}`));
      this.node.appendChild(row);
    });
  }

  /** The chosen option. */
  getValue(): T {
    const chosen = this.node.querySelector<HTMLInputElement>('input:checked');
    return (chosen?.value ?? '') as T;
  }
}
