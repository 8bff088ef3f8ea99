import { FILTERS, type FilterKey } from './assets.js';
import { type Html, html } from './markup.js';

/**
 * The filter bar: a box per outcome, area and severity present in the scan. Hidden until the
 * script shows it, so without script (or in print) the page simply shows every row.
 */
export function filtersHtml(present: Readonly<Record<FilterKey, ReadonlySet<string>>>): Html {
  const sets = (Object.keys(FILTERS) as FilterKey[]).map((key) => {
    const values = FILTERS[key].values.filter((v) => present[key].has(v));
    return html`<fieldset><legend>${FILTERS[key].label}</legend>${values.map((v) => html`<label><input type="checkbox" data-f="${key}" value="${v}" checked> ${v}</label>`)}</fieldset>`;
  });
  return html`<div id="filters" class="filters" role="group" aria-label="Filters" hidden>${sets}<button type="button" data-fold="open">open all targets</button> <button type="button" data-fold="close">fold all targets</button></div>\n`;
}
