// Renders the templates of templates/, precompiled by the build into
// src/generated/templates.ts so that neither ejs nor a file read is needed at
// run time. `<%= %>` in a template applies the escape function given here.

import { templates } from '../generated/templates.ts';

export type TemplateName = keyof typeof templates;
export type Escape = (value: string) => string;

export function render(name: TemplateName, data: object, escape: Escape): string {
  const include = (child: string, extra?: object): string =>
    render(child as TemplateName, { ...data, ...extra }, escape);
  return templates[name](data, escape, include);
}

export { version } from '../generated/version.ts';
