// doctor's findings about the shells' startup files: the block that install
// writes (is it what install would write now, and can it load the plugin
// from here?), a hand-written `swr-shell init` line, and the plugin files:
// the static one, which goes stale when swr-shell is upgraded, and the cached
// one, which the block renders again by itself. No process is started: the
// block's checks are made here as the block makes them, on the files.

import { findBlocks } from './block.ts';
import {
  cachedPluginPath,
  cacheDir,
  cacheHeader,
  INSTALL_MODES,
  type InstallMode,
  type InstallOptions,
  rcPath,
  STAMP,
  staticPluginPath,
} from './dotfiles.ts';
import { Failure } from './errors.ts';
import { type DoctorInput, type Finding, note, ok, problem } from './findings.ts';
import { errorCode, type FileSystem, readIfExists } from './fs.ts';
import { blockIsCurrent } from './install.ts';
import { findOnPath } from './path-search.ts';
import { join } from './paths.ts';
import { DEFAULT_PREFIX, INSTALL_SHELLS, type InstallShell, variantOf } from './plugin.ts';
import { configDirBase, type Env, homeDir } from './profile.ts';

/** The version in a rendered plugin's line `# swr-shell 1.2.3 plugin for ...`, after any header line. */
export function pluginVersion(text: string): string | undefined {
  return /^# swr-shell (\S+) plugin\b/m.exec(text.slice(0, 1000))?.[1];
}

const decode = (data: Uint8Array): string => new TextDecoder().decode(data);

/** The first `count` lines of a file, without line ends; [] when it cannot be read. */
function firstLines(fs: FileSystem, path: string, count: number): string[] {
  try {
    return decode((fs.readFileSync(path) as Uint8Array).subarray(0, 4096)).split('\n').slice(0, count).map((line) => line.replace(/\r$/, ''));
  } catch {
    return [];
  }
}

/** Where a user may have put `eval "$(swr-shell init)"` by hand, as the README's quick start shows. */
function handWrittenPaths(shell: InstallShell, env: Env, platform: string): string[] {
  return shell === 'fish' ? [join(configDirBase(env), 'fish', 'config.fish')] : [rcPath(shell, env, platform)];
}

/** What a block says of itself: the install command that wrote it, and (cache mode) the bin it follows. */
interface BlockSays {
  readonly command: string;
  /** The shell it was written for: another one may share the file (ksh, mksh and sh all read $ENV). */
  readonly shell: InstallShell;
  readonly options: InstallOptions;
}

function blockSays(lines: readonly string[], env: Env): BlockSays | undefined {
  const managed = lines.map((line) => /^# Managed by `(swr-shell install (\S+)((?: --\S+ \S+)*))`;/.exec(line)).find(Boolean);
  const shell = INSTALL_SHELLS.find((name) => name === managed?.[2]);
  if (!managed || shell === undefined) return undefined;
  const flags = new Map([...managed[3]!.matchAll(/ --(\S+) (\S+)/g)].map((match) => [match[1]!, match[2]!]));
  const mode = (flags.get('mode') ?? INSTALL_MODES[0]) as InstallMode;
  if (!INSTALL_MODES.includes(mode)) return undefined;
  const follows = lines.map((line) => /^# Sources the plugin cached in .*, rendered again by (.+) when that changes\.$/.exec(line)?.[1]).find(Boolean);
  const bin = follows?.startsWith('~/') ? homeDir(env) + follows.slice(1) : follows;
  return { command: managed[1]!, shell, options: { mode, prefix: flags.get('cmd') ?? DEFAULT_PREFIX, profile: flags.get('profile'), bin } };
}

function writable(fs: FileSystem, directory: string): boolean {
  try {
    return (fs.statSync(directory).mode & 0o200) !== 0;
  } catch (error) {
    // Missing: the block makes it, if it can.
    return errorCode(error) === 'ENOENT';
  }
}

/** cache mode: does the bin the block follows exist, and is the plugin cached for it? */
function cacheFindings({ fs, env }: DoctorInput, shell: InstallShell, rc: string, says: BlockSays): Finding[] {
  const bin = says.options.bin!;
  const onPath = findOnPath(fs, env, 'swr-shell');
  const [, stampLine] = firstLines(fs, bin, 2);
  if (stampLine === undefined) {
    return [problem(`${shell}: the block in ${rc} renders the plugin with ${bin}, which is gone, so it loads nothing: run ${says.command} with the swr-shell you use now (or swr-shell uninstall ${shell}).`)];
  }
  const findings = [ok(`${shell}: ${rc} loads the plugin (cache mode), rendered by ${bin} when it changes.`)];
  if (onPath !== undefined && onPath !== bin) {
    findings.push(note(`${shell}: swr-shell on PATH is ${onPath}, but the block follows ${bin}: run ${says.command} to follow the one on PATH.`));
  }
  if (!STAMP.test(stampLine)) {
    findings.push(note(`${shell}: ${bin} has no build stamp on its second line (a wrapper script?), so the block sees it change only by its modification time.`));
  }
  const cached = cachedPluginPath(shell, env);
  const header = firstLines(fs, cached, 1)[0];
  if (header !== cacheHeader(stampLine, shell, says.options)) {
    findings.push(note(`${shell}: ${cached} is ${header === undefined ? 'not there yet' : 'not of this swr-shell and these options'}: the next ${shell} start renders it (once).`));
  }
  // The block is current, so its command has no --mode (cache is the default) to replace.
  if (!writable(fs, cacheDir(env))) {
    findings.push(problem(`${shell}: ${cacheDir(env)} cannot be written, so every ${shell} start runs swr-shell init (about 25 ms): make it a writable directory, or run ${says.command} --mode static.`));
  }
  return findings;
}

/** Findings about one shell, and whether its startup files load the plugin. */
function shellFindings(input: DoctorInput, shell: InstallShell): { findings: Finding[]; loads: boolean } {
  const { fs, env, platform, version } = input;
  const rc = rcPath(shell, env, platform);
  const rcData = readIfExists(fs, rc);
  const staticPath = staticPluginPath(shell, env);
  const staticData = readIfExists(fs, staticPath);
  const findings: Finding[] = [];
  let blocks: ReturnType<typeof findBlocks> = [];
  try {
    blocks = rcData === undefined ? [] : findBlocks(rcData, rc);
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    return { findings: [problem(`${shell}: ${error.message}`)], loads: false };
  }
  const staleStatic = (says: BlockSays | undefined): Finding[] => {
    const rendered = staticData === undefined ? version : pluginVersion(decode(staticData));
    if (rendered === version) return [];
    const used = says?.options.mode === 'static';
    const fix = used ? says!.command : `swr-shell install ${shell} --mode static`;
    return [(used ? problem : note)(`${shell}: ${staticPath} was rendered by swr-shell ${rendered ?? 'of an unknown version'}, not ${version}: run ${fix} to refresh it.`)];
  };

  if (blocks.length === 0) {
    const byHand = handWrittenPaths(shell, env, platform).find((path) => {
      const data = readIfExists(fs, path);
      return data !== undefined && decode(data).includes('swr-shell init');
    });
    if (byHand) findings.push(ok(`${shell}: ${byHand} runs swr-shell init.`));
    return { findings: [...findings, ...staleStatic(undefined)], loads: byHand !== undefined };
  }
  const says = blockSays(blocks[0]!.lines, env);
  if (blocks.length === 1 && says !== undefined && says.shell !== shell && variantOf(says.shell) === variantOf(shell) && rcPath(says.shell, env, platform) === rc) {
    // A file that another shell reads too, with that shell's block: its findings are that shell's.
    const owner = shellFindings(input, says.shell);
    const how = owner.loads ? ok(`${shell}: ${rc} loads the plugin (${says.options.mode} mode), through the block of ${says.command}.`) : problem(`${shell}: ${rc} holds the block of ${says.command}, which does not load the plugin (see ${says.shell}).`);
    return { findings: [how], loads: owner.loads };
  }
  // Not current either: two blocks (install keeps one), or another shell's (its first line names that shell).
  if (says === undefined || !blockIsCurrent(fs, shell, env, platform, says.options)) {
    const fix = says?.command ?? `swr-shell install ${shell}`;
    const what = blocks.length > 1 ? `has ${blocks.length} swr-shell blocks` : 'has a swr-shell block that is not what install writes (edited by hand, written by an older swr-shell, or with CRLF line ends it cannot run with)';
    return { findings: [problem(`${shell}: ${rc} ${what}: run ${fix} to write it anew.`)], loads: false };
  }
  switch (says.options.mode) {
    case 'cache':
      findings.push(...cacheFindings(input, shell, rc, says));
      break;
    case 'eval':
      if (findOnPath(fs, env, 'swr-shell') === undefined) {
        findings.push(problem(`${shell}: the block in ${rc} runs swr-shell init only where swr-shell is on PATH, and it is not on PATH here: install it (npm install -g swr-shell), or run ${says.command.replace(' --mode eval', '')} for a block that finds it by its path.`));
      } else {
        findings.push(ok(`${shell}: ${rc} loads the plugin (eval mode).`));
      }
      break;
    case 'static':
      if (staticData === undefined) {
        findings.push(problem(`${shell}: the block in ${rc} sources ${staticPath}, which does not exist: run ${says.command}.`));
      } else {
        findings.push(ok(`${shell}: ${rc} loads the plugin (static mode).`));
      }
  }
  const loads = !findings.some((finding) => finding.status === 'problem');
  return { findings: [...findings, ...staleStatic(says)], loads };
}

export function installFindings(input: DoctorInput): Finding[] {
  const shells = INSTALL_SHELLS.map((shell) => shellFindings(input, shell));
  const findings = shells.flatMap((shell) => shell.findings);
  if (shells.some((shell) => shell.loads)) return findings;
  return [...findings, note('no startup file loads the plugin: run swr-shell install, or add eval "$(swr-shell init)" to yours.')];
}
