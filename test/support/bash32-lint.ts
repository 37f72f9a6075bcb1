// macOS ships bash 3.2, and its /bin/sh is that bash in POSIX mode: the bash
// and sh plugins must not use what bash 4 and later added. No bash 3.2 is at
// hand on Debian, so this lint names the constructs instead, each with the
// version that brought it. Comment lines are not code and are skipped.

export interface Bash4Rule {
  readonly construct: string;
  readonly since: string;
  readonly pattern: RegExp;
  /** A line that uses the construct: the lint's own test shows that the rule fires. */
  readonly example: string;
}

export const BASH4_RULES: readonly Bash4Rule[] = [
  { construct: '${x,,} / ${x^^} case conversion', since: '4.0', pattern: /\$\{[#!]?[A-Za-z_0-9@*]+(\[[^\]]*\])?(,,?|\^\^?)/, example: 'y=${x,,}' },
  { construct: '${x@Q} and other transformations', since: '4.4', pattern: /\$\{[A-Za-z_0-9@*]+(\[[^\]]*\])?@[QEPAaKkUuL]\}/, example: 'printf %s "${x@Q}"' },
  { construct: 'associative arrays (declare -A)', since: '4.0', pattern: /\b(declare|typeset|local|readonly)\s+(-[a-zA-Z]*\s+)*-[a-zA-Z]*A/, example: 'declare -A seen' },
  { construct: 'name references (-n)', since: '4.3', pattern: /\b(declare|typeset|local)\s+(-[a-zA-Z]*\s+)*-[a-zA-Z]*n\b/, example: 'local -n ref=$1' },
  { construct: 'declare -g', since: '4.2', pattern: /\b(declare|typeset)\s+(-[a-zA-Z]*\s+)*-[a-zA-Z]*g/, example: 'declare -g x=1' },
  { construct: 'declare -l / -u (case attributes)', since: '4.0', pattern: /\b(declare|typeset|local)\s+(-[a-zA-Z]*\s+)*-[a-zA-Z]*[lu]\b/, example: 'local -l lower' },
  { construct: 'mapfile / readarray', since: '4.0', pattern: /(^|[\s;|&(])\\?(builtin\s+)?(mapfile|readarray)\b/, example: 'mapfile -t lines <file' },
  { construct: '[[ -v NAME ]] / test -v', since: '4.2', pattern: /(\[\[|\[|\btest)\s+(!\s+)?-v\s/, example: 'if [[ -v HOME ]]; then :; fi' },
  { construct: ';& and ;;& case fall-through', since: '4.0', pattern: /;;?&/, example: '  a) x ;&' },
  { construct: '|& (pipe stderr too)', since: '4.0', pattern: /\|&/, example: 'cmd |& less' },
  { construct: '&>> (append stdout and stderr)', since: '4.0', pattern: /&>>/, example: 'cmd &>>log' },
  { construct: 'coproc', since: '4.0', pattern: /(^|[\s;|&])coproc\b/, example: 'coproc cat' },
  { construct: '{var}> file descriptor allocation', since: '4.1', pattern: /\{[A-Za-z_][A-Za-z0-9_]*\}[<>]/, example: 'exec {fd}>file' },
  { construct: '$BASHPID, $EPOCHSECONDS, $EPOCHREALTIME, $SRANDOM, ${BASH_ARGV0}', since: '4.0–5.1', pattern: /\$\{?(BASHPID|EPOCHSECONDS|EPOCHREALTIME|SRANDOM|BASH_ARGV0)\b/, example: 'echo $BASHPID' },
  { construct: 'shopt globstar, lastpipe, autocd, checkjobs, direxpand, localvar_inherit', since: '4.0–5.0', pattern: /shopt\s+-[a-z]*\s+.*\b(globstar|lastpipe|autocd|checkjobs|direxpand|localvar_inherit|localvar_unset|assoc_expand_once)\b/, example: 'shopt -s globstar' },
  { construct: 'wait -n / wait -p', since: '4.3', pattern: /(^|[\s;|&])wait\s+-[a-z]*[np]/, example: 'wait -n' },
  { construct: 'read -i / -N', since: '4.0', pattern: /(^|[\s;|&])(builtin\s+)?read\s+(-[a-zA-Z]*\s+)*-[a-zA-Z]*[iN]\b/, example: 'read -N 1 c' },
  { construct: 'negative array index ${a[-1]}', since: '4.3', pattern: /\$\{[A-Za-z_][A-Za-z0-9_]*\[-[0-9]/, example: 'last=${a[-1]}' },
  { construct: 'substring with a negative length ${x:0:-1}', since: '4.2', pattern: /\$\{[A-Za-z_0-9]+:[^}:]*:\s*-[0-9]/, example: 'y=${x:0:-1}' },
];

export interface Bash4Finding {
  readonly line: number;
  readonly text: string;
  readonly construct: string;
  readonly since: string;
}

/** The bash-4-only constructs in `script`, line by line. */
export function bash4Constructs(script: string): Bash4Finding[] {
  return script.split('\n').flatMap((text, index) => {
    if (/^\s*#/.test(text)) return [];
    return BASH4_RULES.filter((rule) => rule.pattern.test(text)).map((rule) => ({ line: index + 1, text, construct: rule.construct, since: rule.since }));
  });
}
