// What a command declares to yargs, read without loading yargs: its builder is
// run against a recorder that keeps the options and positionals it is given.
// So completion is derived from the same builders as the parser, and start-up
// stays free of yargs. A builder that declares a flag another way (`.boolean(x)`,
// `.alias(...)` on its own) is not seen; the completion tests compare every
// command with its --help and fail then.

import type { Argv } from 'yargs';

export interface Declaration {
  readonly name: string;
  readonly positional: boolean;
  readonly type: string | undefined;
  readonly describe: string;
  readonly choices: readonly string[] | undefined;
  readonly default: unknown;
  readonly aliases: readonly string[];
  readonly hidden: boolean;
}

interface Spec {
  type?: string;
  describe?: string;
  description?: string;
  desc?: string;
  choices?: readonly unknown[];
  default?: unknown;
  alias?: string | readonly string[];
  hidden?: boolean;
}

function declaration(name: string, spec: Spec, positional: boolean): Declaration {
  return {
    name,
    positional,
    type: spec.type,
    describe: spec.describe ?? spec.description ?? spec.desc ?? '',
    choices: spec.choices?.map(String),
    default: spec.default,
    aliases: spec.alias === undefined ? [] : typeof spec.alias === 'string' ? [spec.alias] : [...spec.alias],
    hidden: spec.hidden === true,
  };
}

/** The options and positionals that `builder` declares, in order. */
export function declarations(builder: (yargs: Argv) => Argv): Declaration[] {
  const found: Declaration[] = [];
  const add = (name: string, spec: Spec | undefined, positional: boolean): void => {
    found.push(declaration(name, spec ?? {}, positional));
  };
  const recorder: Argv = new Proxy(Object.create(null) as Argv, {
    get: (_target, method) => {
      return (...args: unknown[]): Argv => {
        if (method === 'option' || method === 'options') {
          if (typeof args[0] === 'string') add(args[0], args[1] as Spec, false);
          else for (const [name, spec] of Object.entries(args[0] as Record<string, Spec>)) add(name, spec, false);
        } else if (method === 'positional') {
          add(args[0] as string, args[1] as Spec, true);
        }
        return recorder;
      };
    },
  });
  builder(recorder);
  return found;
}

/** The positionals named in a yargs usage string: `install [shells..]`, `get <key>`. */
export function usagePositionals(usage: string): Array<{ name: string; variadic: boolean }> {
  return [...usage.matchAll(/[[<]([^\]>.]+)(\.\.)?[\]>]/g)].map((match) => ({ name: match[1]!, variadic: match[2] !== undefined }));
}
