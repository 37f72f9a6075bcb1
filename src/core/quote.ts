// Quoting for generated shell code. Every value that reaches a template passes
// through one of these (the templates' `<%= %>`), so no value can execute.

/** POSIX single quotes, read alike by sh, bash and zsh. */
export function posixQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** fish single quotes, in which only backslash and the quote are special. */
export function fishQuote(value: string): string {
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}
