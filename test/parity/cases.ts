// Every command line that the parity suite runs under Node.js and Deno. One
// case is one line: a name, the steps (command lines run one after the other
// in the same temporary HOME, "$HOME" standing for it), and what it needs.
// A new command gets its cases here and nothing else.

export interface ParityCase {
  readonly name: string;
  /** Command lines, split on spaces; an array keeps an argument with spaces, or an empty one, whole. */
  readonly steps: ReadonlyArray<string | readonly string[]>;
  /** The exit status every step must have (the runtimes must also agree). */
  readonly status?: number;
  readonly env?: Readonly<Record<string, string>>;
  /** Standard input of every step (otherwise empty, not a terminal). */
  readonly stdin?: string;
  /** Files to create under HOME first (see FIXTURES), by path relative to HOME. */
  readonly files?: Readonly<Record<string, string>>;
  /** Run each step from a bash process, so that `init` detects its parent shell. */
  readonly fromBash?: boolean;
  /** A command that must exist on this branch for the case to run. */
  readonly needs?: string;
}

export const AK = 'TESTAKEXAMPLE123';
export const SK = 'testSecretKeyExample0123456789abcdefABCD';
/** SPEC section 1's test vector: the login key of AK and SK. */
export const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';

const profile = (lines: string[]): string => lines.join('\n') + '\n';

export const FIXTURES = {
  credentials: { 'credentials.csv': `User Name,Access Key Id,Secret Access Key\nuser,${AK},${SK}\n` },
  consoleCredentials: { 'Downloads/credentials.csv': `\uFEFFUser Name,Access Key Id,Secret Access Key\r\nuser,${AK},${SK}\r\n` },
  profile: {
    '.config/swr-shell/default.conf': profile(['region=ap-southeast-3', 'project=ap-southeast-3', 'org=team', `ak=${AK}`, `login_key=${KEY}`]),
  },
  partnerProfile: {
    '.config/swr-shell/partner.conf': profile([
      'region=xx-partner-1',
      'project=xx-partner-1_dev',
      'registry=registry.partner.example:5000',
      `ak=${AK}`,
      `login_key=${KEY}`,
    ]),
  },
  brokenProfile: { '.config/swr-shell/default.conf': 'region=ap-southeast-3\nbogus line\n' },
  bashrc: { '.bashrc': '# my bashrc\r\nalias ll="ls -l"' },
  zshrc: { '.zshrc': 'export EDITOR=vi\n' },
} as const;

const { credentials, consoleCredentials, partnerProfile, brokenProfile, bashrc, zshrc } = FIXTURES;
const withProfile = FIXTURES.profile;
const sdkEnv = { HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK };
const ciEnv = { SWR_REGION: 'cn-north-4', SWR_AK: 'OTHERAKEXAMPLE99', SWR_LOGIN_KEY: 'ab'.repeat(32), SWR_ORG: 'ci' };

export const CASES: readonly ParityCase[] = [
  // init: every shell, every option, and its errors.
  { name: 'init bash', steps: ['init bash'] },
  { name: 'init zsh', steps: ['init zsh'] },
  { name: 'init fish', steps: ['init fish'] },
  { name: 'init --cmd', steps: ['init bash --cmd hw', 'init zsh --cmd hw', 'init fish --cmd hw'] },
  { name: 'init --profile', steps: ['init bash --profile work', 'init zsh --profile work', 'init fish --profile work'] },
  { name: 'init --cmd= --profile=', steps: ['init --cmd=hw --profile=partner bash', 'init fish --cmd=x_1 --profile=a-b'] },
  { name: 'init from $SHELL', steps: ['init'], env: { SHELL: '/usr/bin/fish' } },
  { name: 'init from the parent bash', steps: ['init', 'init --cmd hw'], fromBash: true, env: { SHELL: '/usr/bin/fish' } },
  { name: 'init, no shell known', steps: ['init'], status: 2, env: { SHELL: '/bin/tcsh' } },
  { name: 'init tcsh', steps: ['init tcsh'], status: 2 },
  { name: 'init bad --cmd', steps: ['init bash --cmd 1x', ['init', 'bash', '--cmd', 'a b'], 'init bash --cmd='], status: 2 },
  { name: 'init bad --profile', steps: ['init bash --profile ../x', 'init bash --profile='], status: 2 },
  { name: 'init unknown flag', steps: ['init bash --hook', 'init bash zsh'], status: 2 },
  { name: 'init --help', steps: ['init --help', 'init -h'] },

  // login: what it says before or instead of running a tool (the tools themselves: test/cli/login.test.ts).
  { name: 'login, tool not on PATH', steps: ['login nerdctl --debug', 'login'], status: 127, files: withProfile, env: { PATH: '/nonexistent' }, needs: 'login' },
  { name: 'login refused', steps: ['login dokcer', 'login --tls-verify=false'], status: 2, files: withProfile, env: { SWR_RUNTIME: 'crio' }, needs: 'login' },
  { name: 'login, no settings', steps: ['login podman'], status: 1, needs: 'login' },
  { name: 'login --help', steps: ['login --help', 'login podman -h'], needs: 'login' },

  // env: every format and option, from a profile or from the environment.
  { name: 'env', steps: ['env'], files: withProfile },
  { name: 'env --format', steps: ['env --format dotenv', 'env --format sh', 'env --format fish', 'env --format json'], files: withProfile },
  { name: 'env --no-secret', steps: ['env --no-secret', 'env --format json --no-secret'], files: withProfile },
  { name: 'env --output', steps: ['env --output .env', 'env --format sh --output $HOME/project/.envrc'], files: { ...withProfile, 'project/.keep': '' } },
  { name: 'env --output over a file', steps: ['env --output old.env'], files: { ...withProfile, 'old.env': 'OLD=1\n' } },
  { name: 'env --profile', steps: ['env --profile partner', 'env --profile partner --format sh'], files: partnerProfile },
  { name: 'env SWR_PROFILE', steps: ['env --format fish'], files: partnerProfile, env: { SWR_PROFILE: 'partner' } },
  { name: 'env from the environment', steps: ['env', 'env --format json'], env: ciEnv },
  { name: 'env over a profile', steps: ['env'], files: withProfile, env: { SWR_REGION: 'eu-west-101', SWR_ORG: 'other' } },
  { name: 'env, no profile', steps: ['env'], status: 1 },
  { name: 'env, broken profile', steps: ['env'], status: 1, files: brokenProfile },
  { name: 'env bad --format', steps: ['env --format yaml', 'env --output='], status: 2, files: withProfile },
  { name: 'env --help', steps: ['env --help'] },

  // regions
  { name: 'regions', steps: ['regions', 'regions --json'] },
  { name: 'regions --help', steps: ['regions --help'] },

  // login-key: every source of the SK, and their errors.
  { name: 'login-key --credentials', steps: ['login-key --credentials credentials.csv', 'login-key --credentials $HOME/credentials.csv --ak ' + AK], files: credentials },
  { name: 'login-key console csv', steps: ['login-key --credentials Downloads/credentials.csv'], files: consoleCredentials },
  { name: 'login-key --sk-stdin', steps: [`login-key --sk-stdin --ak ${AK}`], stdin: `${SK}\n` },
  { name: 'login-key from the SDK env', steps: ['login-key'], env: sdkEnv },
  { name: 'login-key and profiles from a profile', steps: ['login-key', 'profiles', 'profiles --json', 'profiles --remove default', 'profiles'], files: withProfile },
  { name: 'login-key, no SK', steps: ['login-key', `login-key --ak ${AK}`], status: 2 },
  { name: 'login-key bad input', steps: ['login-key --credentials missing.csv', 'login-key --credentials .', `login-key --sk-stdin --ak ${AK}`, 'login-key --sk-stdin', 'login-key --ak x --credentials credentials.csv'], status: 2, stdin: 'short\n', files: credentials },
  { name: 'login-key --sk', steps: [`login-key --sk ${SK}`, `login-key --secret-key=${SK}`], status: 2 },
  { name: 'login-key --help', steps: ['login-key --help'] },

  // configure: new profiles, updates, and refusals that must write nothing.
  { name: 'configure', steps: ['configure --region ap-southeast-3 --org team --credentials credentials.csv', 'env'], files: credentials },
  { name: 'configure --sk-stdin', steps: [`configure --profile ci --region cn-north-4 --project cn-north-4_dev --ak ${AK} --sk-stdin`, 'env --profile ci --format json'], stdin: SK },
  { name: 'configure from the SDK env', steps: ['configure --region eu-west-101', 'env'], env: sdkEnv },
  { name: 'configure partner cloud', steps: ['configure --profile p --region xx-partner-1 --registry registry.partner.example:5000 --credentials credentials.csv', 'env --profile p'], files: credentials },
  { name: 'configure update', steps: ['configure --org other', ['configure', '--org', ''], 'configure --region cn-north-4', 'env'], files: withProfile },
  { name: 'configure over a broken profile', steps: ['configure --region ap-southeast-3 --credentials credentials.csv'], files: { ...brokenProfile, ...credentials } },
  { name: 'configure refused', steps: ['configure --credentials credentials.csv', 'configure --region ap-southeast-33 --credentials credentials.csv', 'configure --region ap-southeast-3 --org Team --credentials credentials.csv', 'configure --region ap-southeast-3 --project cn-north-4 --credentials credentials.csv', 'configure --region ap-southeast-3', ['configure', '--profile', 'a b', '--region', 'ap-southeast-3', '--credentials', 'credentials.csv']], status: 2, files: credentials },
  { name: 'configure --help', steps: ['configure --help'] },

  // kubelet-config: the kubelet's CredentialProviderConfig for swr-credential-provider.
  { name: 'kubelet-config', steps: ['kubelet-config', 'kubelet-config --profile partner --cache-duration 12h --config-home $HOME/.config'], files: { ...withProfile, ...partnerProfile }, env: { SWR_REGION: 'ap-southeast-3' }, needs: 'kubelet-config' },
  { name: 'kubelet-config refused', steps: ['kubelet-config', 'kubelet-config --config-home etc'], status: 2, files: withProfile, env: { SWR_PROFILE: 'a b' }, needs: 'kubelet-config' },

  // The command line itself.
  { name: '--help', steps: ['--help', '-h'] },
  { name: '--help, German locale', steps: ['--help', 'regions --help'], env: { LANG: 'de_DE.UTF-8' } },
  { name: 'unknown command, German locale', steps: ['bogus', 'init bash --hook'], env: { LC_ALL: 'de_DE.UTF-8' }, status: 2 },
  { name: '--version', steps: ['--version', 'init --version'] },
  { name: 'no command, help', steps: ['', 'help', 'help configure', '-v'] },
  { name: 'mistyped command, a function, no value', steps: ['confgure', 'pull app:v1', 'configure --region'], status: 2 },
  { name: 'unknown command', steps: ['bogus', 'regions --bogus', 'regions -x', 'env --profile'], status: 2 },

  // install and uninstall (from another branch): every shell and mode, round trips.
  { name: 'install', steps: ['install bash --mode eval', 'install bash --mode eval'], files: bashrc, needs: 'install' },
  { name: 'install all shells', steps: ['install bash zsh fish --mode eval'], files: zshrc, needs: 'install' },
  { name: 'install --mode static', steps: ['install bash zsh fish --mode static --cmd hw --profile work'], files: bashrc, needs: 'install' },
  { name: 'install --dry-run', steps: ['install bash zsh fish --mode eval --dry-run'], files: { ...bashrc, ...zshrc }, needs: 'install' },
  { name: 'install then uninstall', steps: ['install bash zsh fish --mode eval', 'uninstall bash zsh fish'], files: { ...bashrc, ...zshrc }, needs: 'uninstall' },
  { name: 'install static then uninstall', steps: ['install bash fish --mode static', 'uninstall --dry-run bash fish', 'uninstall bash fish'], files: bashrc, needs: 'uninstall' },
  // cache mode, the default, follows the swr-shell on PATH, which is not there here.
  { name: 'install refused: swr-shell not on PATH', steps: ['install bash', 'install zsh --mode cache'], status: 1, files: bashrc, needs: 'install' },
  { name: 'install refused', steps: ['install tcsh', 'install bash --mode lazy'], status: 2, files: bashrc, needs: 'install' },
];
