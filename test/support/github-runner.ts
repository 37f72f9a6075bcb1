// Runs the committed action steps (action/*.cjs) the way a GitHub runner runs a
// JavaScript action: `node` on the file (node 20 here stands in for the
// runner's node24), inputs as INPUT_<NAME> variables (upper case, dashes kept),
// empty GITHUB_ENV, GITHUB_OUTPUT and GITHUB_STATE files, read back as the
// runner reads them, and the saved state as STATE_<name> for the post step.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './process.ts';
import { ROOT } from './runtimes.ts';

/** A runner's file command file, read as the runner reads it: `name=value` lines and `name<<DELIMITER` blocks. */
export function parseRunnerFile(text: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      entries[line.slice(0, equals)] = line.slice(equals + 1);
      continue;
    }
    if (heredoc < 0) throw new Error(`not a runner file line: ${JSON.stringify(line)}`);
    const delimiter = line.slice(heredoc + 2);
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i]!);
    if (i >= lines.length) throw new Error(`no end for the ${delimiter} block`);
    entries[line.slice(0, heredoc)] = value.join('\n');
  }
  return entries;
}

export interface StepResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The files' text as the step left it. */
  raw: { env: string; output: string; state: string };
  env: Record<string, string>;
  output: Record<string, string>;
  state: Record<string, string>;
}

/** The variables the runner sets for `inputs`: INPUT_ and the name in upper case, dashes kept. */
export function inputVariables(inputs: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
}

/** Runs action/<step>.cjs with `env` (nothing else inherited) and fresh runner files in `dir`. */
export async function runStep(step: 'main' | 'post', dir: string, env: NodeJS.ProcessEnv): Promise<StepResult> {
  const files = mkdtempSync(join(dir, `${step}-`));
  const paths = { env: join(files, 'env'), output: join(files, 'output'), state: join(files, 'state') };
  for (const path of Object.values(paths)) writeFileSync(path, '');
  const result = await run(process.execPath, [join(ROOT, 'action', `${step}.cjs`)], {
    env: { ...env, GITHUB_ENV: paths.env, GITHUB_OUTPUT: paths.output, GITHUB_STATE: paths.state },
  });
  const raw = { env: readFileSync(paths.env, 'utf8'), output: readFileSync(paths.output, 'utf8'), state: readFileSync(paths.state, 'utf8') };
  return { ...result, raw, env: parseRunnerFile(raw.env), output: parseRunnerFile(raw.output), state: parseRunnerFile(raw.state) };
}

/** The post step's environment: the main step's, with its saved state as STATE_<name>. */
export function postEnv(env: NodeJS.ProcessEnv, main: StepResult): NodeJS.ProcessEnv {
  return { ...env, ...Object.fromEntries(Object.entries(main.state).map(([name, value]) => [`STATE_${name}`, value])) };
}

/**
 * The log as the runner shows it: each `::add-mask::` value, from its line
 * on, replaced by ***; the mask lines themselves are not shown. Also returns
 * the values that were masked, in order.
 */
export function maskedLog(stdout: string): { log: string; masks: string[] } {
  const masks: string[] = [];
  const shown: string[] = [];
  for (const line of stdout.split('\n')) {
    const mask = /^::add-mask::(.*)$/.exec(line);
    if (mask) {
      masks.push(mask[1]!.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'));
      continue;
    }
    shown.push(masks.reduce((text, value) => (value === '' ? text : text.split(value).join('***')), line));
  }
  return { log: shown.join('\n'), masks };
}
