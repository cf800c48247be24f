/**
 * HTML built with a tagged template that escapes every interpolated value unless it is markup
 * made by this same template: text from datasets, models, plugins and specs can never become markup.
 */
import escapeHtml from 'escape-html';

/** A fragment of trusted markup. */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

type Value = Markup | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Markup {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Markup(out);
}

/** Markup written by this program itself (CSS, scripts, SVG built from numbers). */
export function trusted(text: string): Markup {
  return new Markup(text);
}
