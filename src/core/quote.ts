// Quoting for generated shell code. Every value that reaches a template passes
// through one of these (the templates' `<%= %>`), so no value can execute.

/** POSIX single quotes, read alike by sh, bash and zsh. */
export function posixQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * fish single quotes, in which only backslash and the quote are special; a
 * word that needs no quotes stays bare, as fish_indent would leave it.
 */
export function fishQuote(value: string): string {
  if (/^[A-Za-z0-9_\/-]+$/.test(value)) return value;
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}
