// doctor's findings about the shells' startup files: the block that install
// writes, a hand-written `swr-shell init` line, and the plugin rendered by
// `install --mode static`, which goes stale when swr-shell is upgraded.

import { BLOCK_END, BLOCK_START, rcPath, staticPluginPath } from './dotfiles.ts';
import { type DoctorInput, type Finding, note, ok, problem } from './findings.ts';
import { readIfExists } from './fs.ts';
import { join } from './paths.ts';
import { INSTALL_SHELLS, type InstallShell } from './plugin.ts';
import { configDirBase, type Env } from './profile.ts';

/** The version in a rendered plugin's first line, `# swr-shell 1.2.3 plugin for ...`. */
export function pluginVersion(text: string): string | undefined {
  return /^# swr-shell (\S+) plugin\b/.exec(text)?.[1];
}

/** The lines of the swr-shell block in a startup file, or a problem with it. */
function blockOf(text: string): { lines: string[] } | { broken: string } | undefined {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, '').trimEnd());
  const starts = lines.filter((line) => line === BLOCK_START).length;
  const ends = lines.filter((line) => line === BLOCK_END).length;
  if (starts === 0 && ends === 0) return undefined;
  const start = lines.indexOf(BLOCK_START);
  const end = lines.indexOf(BLOCK_END);
  if (starts !== 1 || ends !== 1 || end < start) return { broken: `${starts} start and ${ends} end markers` };
  return { lines: lines.slice(start + 1, end) };
}

const decode = (data: Uint8Array): string => new TextDecoder().decode(data);

/** Where a user may have put `eval "$(swr-shell init)"` by hand, as the README's quick start shows. */
function handWrittenPaths(shell: InstallShell, env: Env, platform: string): string[] {
  return shell === 'fish' ? [join(configDirBase(env), 'fish', 'config.fish')] : [rcPath(shell, env, platform)];
}

/** Findings about one shell, and whether its startup files load the plugin. */
function shellFindings(input: DoctorInput, shell: InstallShell): { findings: Finding[]; loads: boolean } {
  const { fs, env, platform, version } = input;
  const rc = rcPath(shell, env, platform);
  const staticPath = staticPluginPath(shell, env);
  const rcData = readIfExists(fs, rc);
  const block = rcData === undefined ? undefined : blockOf(decode(rcData));
  const findings: Finding[] = [];
  let loads = false;
  if (block === undefined) {
    const byHand = handWrittenPaths(shell, env, platform).find((path) => {
      const data = readIfExists(fs, path);
      return data !== undefined && decode(data).includes('swr-shell init');
    });
    if (byHand) findings.push(ok(`${shell}: ${byHand} runs swr-shell init.`));
    loads = byHand !== undefined;
  } else if ('broken' in block) {
    findings.push(problem(`${shell}: ${rc} has ${block.broken} of the swr-shell block: edit it down to one block, or remove the markers and run swr-shell install ${shell}.`));
  }
  const sourcesStatic = block !== undefined && 'lines' in block && block.lines.some((line) => line.includes(`swr-shell/init.${shell}`));
  if (block !== undefined && 'lines' in block) {
    findings.push(ok(`${shell}: ${rc} loads the plugin (${sourcesStatic ? 'static' : 'eval'} mode).`));
    loads = true;
  }
  const staticData = readIfExists(fs, staticPath);
  if (sourcesStatic && staticData === undefined) {
    findings.push(problem(`${shell}: the block in ${rc} sources ${staticPath}, which does not exist: run swr-shell install ${shell} --mode static.`));
  }
  const rendered = staticData === undefined ? version : pluginVersion(decode(staticData));
  if (rendered !== version) {
    const finding = sourcesStatic ? problem : note;
    findings.push(finding(`${shell}: ${staticPath} was rendered by swr-shell ${rendered ?? 'of an unknown version'}, not ${version}: run swr-shell install ${shell} --mode static to refresh it.`));
  }
  return { findings, loads };
}

export function installFindings(input: DoctorInput): Finding[] {
  const shells = INSTALL_SHELLS.map((shell) => shellFindings(input, shell));
  const findings = shells.flatMap((shell) => shell.findings);
  if (shells.some((shell) => shell.loads)) return findings;
  return [...findings, note('no startup file loads the plugin: run swr-shell install, or add eval "$(swr-shell init)" to yours.')];
}
