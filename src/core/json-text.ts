// JSON as text: a parser that keeps where each value and member is, so that
// swr-shell can change one member of a file another program owns (docker's
// config.json) and leave every other byte as it was: big numbers, escapes such
// as \u00e9, duplicate keys, the layout. Its errors give a line and column,
// never a piece of the text (which may hold secrets).

export interface JsonSpan {
  /** Offset of the first character. */
  readonly start: number;
  /** Offset just after the last character. */
  readonly end: number;
}

export type JsonNode =
  | (JsonSpan & { readonly kind: 'object'; readonly members: readonly JsonMember[] })
  | (JsonSpan & { readonly kind: 'array'; readonly items: readonly JsonNode[] })
  | (JsonSpan & { readonly kind: 'string'; readonly value: string })
  | (JsonSpan & { readonly kind: 'literal' });

export interface JsonMember {
  readonly key: string;
  /** Offset of the key's opening quote. */
  readonly start: number;
  /** Offset just after the key's closing quote. */
  readonly keyEnd: number;
  readonly value: JsonNode;
}

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
}

/** Parses `text` (one JSON value, with white space around it; a leading byte-order mark is allowed). */
export function parseJsonText(text: string): JsonNode {
  // Sticky patterns, made for each parse: their lastIndex belongs to this text.
  const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
  const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
  const LITERAL = /true|false|null/y;
  const SPACE = /[ \t\r\n]*/y;
  let at = text.startsWith('\uFEFF') ? 1 : 0;
  const fail = (what: string): never => {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    throw new JsonSyntaxError(`${what} at line ${line}, column ${column}`);
  };
  const skip = (): void => {
    SPACE.lastIndex = at;
    SPACE.exec(text);
    at = SPACE.lastIndex;
  };
  const token = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) return undefined;
    at = pattern.lastIndex;
    return match[0];
  };
  const string = (): JsonNode & { kind: 'string' } => {
    const start = at;
    const raw = token(STRING);
    if (raw === undefined) return fail(text[at] === '"' ? 'a string that is not closed or holds a control character' : 'a string expected');
    return { kind: 'string', start, end: at, value: JSON.parse(raw) as string };
  };
  const value = (depth: number): JsonNode => {
    if (depth > 512) return fail('values nested too deeply');
    skip();
    const start = at;
    const char = text[at];
    if (char === '{') {
      at++;
      const members: JsonMember[] = [];
      skip();
      if (text[at] !== '}') {
        for (;;) {
          skip();
          const key = string();
          skip();
          if (text[at] !== ':') return fail('":" expected');
          at++;
          members.push({ key: key.value, start: key.start, keyEnd: key.end, value: value(depth + 1) });
          skip();
          if (text[at] === ',') at++;
          else if (text[at] === '}') break;
          else return fail('"," or "}" expected');
        }
      }
      at++;
      return { kind: 'object', start, end: at, members };
    }
    if (char === '[') {
      at++;
      const items: JsonNode[] = [];
      skip();
      if (text[at] !== ']') {
        for (;;) {
          items.push(value(depth + 1));
          skip();
          if (text[at] === ',') at++;
          else if (text[at] === ']') break;
          else return fail('"," or "]" expected');
        }
      }
      at++;
      return { kind: 'array', start, end: at, items };
    }
    if (char === '"') return string();
    if (token(NUMBER) !== undefined || token(LITERAL) !== undefined) return { kind: 'literal', start, end: at };
    return fail(at >= text.length ? 'the text ends where a value was expected' : 'a value expected');
  };
  const root = value(0);
  skip();
  if (at < text.length) fail('more text after the value');
  return root;
}

/** The text with each [start, end) of `edits` replaced by its text; the spans must not overlap. */
export function spliceText(text: string, edits: ReadonlyArray<JsonSpan & { readonly text: string }>): string {
  let result = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  }
  return result;
}
