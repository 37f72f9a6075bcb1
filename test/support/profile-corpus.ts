// One contract for reading a profile file, as data: each file of the corpus and
// the verdict every reader must give it, the JavaScript reader (profile.ts) and
// the plugin in every shell alike.
//
// The contract: a UTF-8 byte order mark at the very start is ignored; a line
// ends with LF, and one CR before it is dropped; empty lines and lines starting
// with "#" are comments; every other line is KEY=VALUE for one of region,
// project, org, registry, ak, login_key (the last one of a key wins; an empty
// value is unset). Anything else refuses the whole file, naming the line: an
// unknown line, a NUL byte or any other control character (TAB, ESC, DEL, a CR
// inside a line) anywhere, comments included. A value must then pass the same
// checks as the same setting from the environment.

export const CORPUS_AK = 'TESTAKEXAMPLE123';
export const CORPUS_KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';

/** The settings a profile that is read gives. */
export interface ProfileSettings {
  readonly region: string;
  readonly project: string;
  readonly org?: string;
  readonly registry?: string;
}

export interface CorpusFile {
  readonly name: string;
  /** The file's bytes, as a string written out as UTF-8. */
  readonly text: string;
  /** What a reader gets: the settings, or a refusal whose message matches `refused`. */
  readonly verdict: { readonly ok: ProfileSettings } | { readonly refused: RegExp };
}

const AK = CORPUS_AK;
const KEY = CORPUS_KEY;
const REGION = 'region=ap-southeast-3';
const TAIL = `ak=${AK}\nlogin_key=${KEY}\n`;
const PLAIN = `${REGION}\nproject=ap-southeast-3_dev\norg=team\n${TAIL}`;
const OK = { ok: { region: 'ap-southeast-3', project: 'ap-southeast-3_dev', org: 'team' } } as const;
const BASIC = { ok: { region: 'ap-southeast-3', project: 'ap-southeast-3' } } as const;
/** A refusal that names line `n` of the file. */
const line = (n: number) => ({ refused: new RegExp(`line ${n}\\b`) });

export const PROFILE_CORPUS: readonly CorpusFile[] = [
  { name: 'as configure writes it', text: `# swr-shell profile\n${PLAIN}`, verdict: OK },
  { name: 'CRLF line ends', text: PLAIN.replaceAll('\n', '\r\n'), verdict: OK },
  { name: 'a UTF-8 byte order mark', text: `\uFEFF${PLAIN}`, verdict: OK },
  { name: 'a byte order mark and CRLF', text: `\uFEFF${PLAIN}`.replaceAll('\n', '\r\n'), verdict: OK },
  { name: 'a byte order mark before a comment', text: `\uFEFF# mine\n${PLAIN}`, verdict: OK },
  { name: 'no final line end', text: PLAIN.slice(0, -1), verdict: OK },
  { name: 'blank lines and comments', text: `\n# a comment\n\n${PLAIN}\n#\n`, verdict: OK },
  { name: 'a comment that looks like code', text: `# $(touch pwned) \`touch pwned\` ; rm -rf /\n${PLAIN}`, verdict: OK },
  { name: 'the last of a key wins', text: `region=cn-north-4\n${PLAIN}`, verdict: OK },
  { name: 'an empty value is unset', text: `${REGION}\nproject=\norg=\n${TAIL}`, verdict: BASIC },
  { name: 'a partner registry', text: `region=xx-partner-1\nregistry=registry.partner.example:8443\n${TAIL}`, verdict: { ok: { region: 'xx-partner-1', project: 'xx-partner-1', registry: 'registry.partner.example:8443' } } },
  { name: 'an unknown line', text: `${PLAIN}rm -rf /\n`, verdict: line(6) },
  { name: 'an export line', text: `export SWR_REGION=ap-southeast-3\n${PLAIN}`, verdict: line(1) },
  { name: 'spaces around "="', text: `region = ap-southeast-3\n${TAIL}`, verdict: line(1) },
  { name: 'an upper-case key', text: `REGION=ap-southeast-3\n${TAIL}`, verdict: line(1) },
  { name: 'a byte order mark that is not at the start', text: `${REGION}\n\uFEFForg=team\n${TAIL}`, verdict: line(2) },
  { name: 'a NUL byte after the key', text: `${REGION}\norg=team\nak=${AK}\nlogin_key=${KEY}\0junk\n`, verdict: line(4) },
  { name: 'a NUL byte in a value', text: `region=ap-southeast-3\0\n${TAIL}`, verdict: line(1) },
  { name: 'a NUL byte in a comment', text: `# a\0b\n${PLAIN}`, verdict: line(1) },
  { name: 'a NUL byte at the end', text: `${PLAIN}\0`, verdict: line(6) },
  { name: 'a newline hidden by CR', text: `${REGION}\rorg=evil\n${TAIL}`, verdict: line(1) },
  { name: 'old Mac line ends', text: PLAIN.replaceAll('\n', '\r'), verdict: line(1) },
  { name: 'a tab after a value', text: `${REGION}\t\n${TAIL}`, verdict: line(1) },
  { name: 'an escape sequence in the organization', text: `${REGION}\norg=team\x1b[2J\n${TAIL}`, verdict: line(2) },
  { name: 'DEL in the project', text: `${REGION}\nproject=ap-southeast-3_x\x7f\n${TAIL}`, verdict: line(2) },
  { name: 'a tab in a comment', text: `#\tnote\n${PLAIN}`, verdict: line(1) },
  { name: 'a space after a value', text: `${REGION}\norg=team \n${TAIL}`, verdict: { refused: /organization/ } },
  { name: 'no login key', text: `${REGION}\nak=${AK}\n`, verdict: { refused: /login.key/ } },
  { name: 'a login key in upper case', text: `${REGION}\nak=${AK}\nlogin_key=${KEY.toUpperCase()}\n`, verdict: { refused: /login key/ } },
];
