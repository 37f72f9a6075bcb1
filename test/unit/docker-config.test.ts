// config.json round trips on memfs: credHelpers added and removed, every other
// key kept, the file's layout kept, nothing written on a dry run or a refusal.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDockerConfig, editCredHelpers, isJsonObject, maskSecrets, parseDockerConfig } from '../../src/core/docker-config.ts';
import { Failure } from '../../src/core/errors.ts';
import { writeProfile } from '../../src/core/profile.ts';
import { dispatch } from '../../src/parser.ts';
import { fakeIo, HOME, type FakeIoOptions } from '../support/io.ts';

const HOST = 'swr.ap-southeast-3.myhuaweicloud.com';
const PATH = `${HOME}/.docker/config.json`;
const KEY = 'd4326199d873a82512a3d3f0033fcaa2bca36c1d30cce0c75d252bc15ed84c40';

/** A config.json as docker writes it: tab-indented, no final newline. */
const dockerStyle = (value: object): string => JSON.stringify(value, null, '\t');

const DOCKER_WRITTEN = dockerStyle({
  auths: { 'ghcr.io': { auth: 'Z2hjcjp0b2tlbg==' } },
  credsStore: 'desktop',
  credHelpers: { 'gcr.io': 'gcloud' },
  currentContext: 'default',
  plugins: { debug: { hooks: 'exec' } },
});

function configured(options: FakeIoOptions = {}) {
  const fake = fakeIo(options);
  writeProfile(fake.fs, fake.io.env, 'default', { region: 'ap-southeast-3', project: 'ap-southeast-3', ak: 'TESTAKEXAMPLE123', loginKey: KEY });
  return fake;
}

const read = (fake: ReturnType<typeof fakeIo>, path = PATH): string => String(fake.fs.readFileSync(path, 'utf8'));

describe('editCredHelpers', () => {
  it('adds the host under credHelpers and keeps every other key and value', () => {
    const { text, changed } = editCredHelpers(DOCKER_WRITTEN, PATH, [HOST], false);
    expect(changed).toBe(true);
    const before = JSON.parse(DOCKER_WRITTEN);
    expect(JSON.parse(text)).toEqual({ ...before, credHelpers: { 'gcr.io': 'gcloud', [HOST]: 'swr' } });
  });

  it('keeps tab indentation and the missing final newline that docker writes', () => {
    const { text } = editCredHelpers(DOCKER_WRITTEN, PATH, [HOST], false);
    expect(text).toBe(dockerStyle({ ...JSON.parse(DOCKER_WRITTEN), credHelpers: { 'gcr.io': 'gcloud', [HOST]: 'swr' } }));
  });

  it('keeps two-space indentation with a final newline, and a file on one line on one line', () => {
    const spaced = JSON.stringify({ auths: {} }, null, 2) + '\n';
    expect(editCredHelpers(spaced, PATH, [HOST], false).text).toBe(JSON.stringify({ auths: {}, credHelpers: { [HOST]: 'swr' } }, null, 2) + '\n');
    expect(editCredHelpers('{"auths":{}}', PATH, [HOST], false).text).toBe(`{"auths":{},"credHelpers":{"${HOST}":"swr"}}`);
  });

  it('is idempotent: a second run changes nothing', () => {
    const once = editCredHelpers(DOCKER_WRITTEN, PATH, [HOST], false).text;
    expect(editCredHelpers(once, PATH, [HOST], false)).toMatchObject({ text: once, changed: false });
  });

  it('gives back the original bytes when the entry is removed again', () => {
    for (const original of [DOCKER_WRITTEN, dockerStyle({ auths: {} }), JSON.stringify({ a: 1 }, null, 4) + '\n']) {
      const added = editCredHelpers(original, PATH, [HOST], false).text;
      expect(editCredHelpers(added, PATH, [HOST], true)).toMatchObject({ text: original, changed: true });
    }
  });

  it('gives back the original bytes for any docker-written file, after add then remove (property)', () => {
    const keys = fc.string({ minLength: 1, maxLength: 12 }).filter((key) => key !== 'credHelpers');
    const configs = fc.dictionary(keys, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
    fc.assert(
      fc.property(configs, (config) => {
        const original = dockerStyle(config);
        const added = editCredHelpers(original, PATH, [HOST], false);
        expect(JSON.parse(added.text)).toEqual({ ...JSON.parse(original), credHelpers: { [HOST]: 'swr' } });
        expect(editCredHelpers(added.text, PATH, [HOST], true).text).toBe(original);
      }),
      { numRuns: 300 },
    );
  });

  it('changes only its own member, in the text: big numbers, escapes, duplicate keys and layout stay byte for byte', () => {
    const original = '{\n  "n": 12345678901234567890,  "name": "caf\\u00e9",\n  "dup": 1, "dup": 2,\n  "credHelpers": { "gcr.io" : "gcloud" }\n}';
    const added = editCredHelpers(original, PATH, [HOST], false).text;
    expect(added).toBe(original.replace('"gcloud" }', `"gcloud", "${HOST}" : "swr" }`));
    expect(editCredHelpers(added, PATH, [HOST], true).text).toBe(original);
    const without = '{"n": 1e400, "s": "\\ud83d\\ude00"}';
    expect(editCredHelpers(without, PATH, [HOST], false).text).toBe(`{"n": 1e400, "s": "\\ud83d\\ude00","credHelpers": {"${HOST}": "swr"}}`);
  });

  it('keeps every byte of any docker-written file: the new text is the old with one insertion (property)', () => {
    const configs = fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
    fc.assert(
      fc.property(configs, fc.constantFrom('\t', '  ', undefined), fc.boolean(), (config, indent, newline) => {
        const original = JSON.stringify(config, null, indent) + (newline ? '\n' : '');
        const { text } = editCredHelpers(original, PATH, [HOST], false);
        const split = [...original].findIndex((char, index) => text[index] !== char);
        const cut = split < 0 ? original.length : split;
        expect(text.startsWith(original.slice(0, cut)) && text.endsWith(original.slice(cut))).toBe(true);
        expect(text.length).toBeGreaterThan(original.length);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a file that names credHelpers, or the host in it, twice (docker reads the last)', () => {
    expect(() => editCredHelpers('{"credHelpers": {}, "credHelpers": {}}', PATH, [HOST], false)).toThrow(/names "credHelpers" 2 times; keep one/);
    expect(() => editCredHelpers(`{"credHelpers": {"${HOST}": "a", "${HOST}": "b"}}`, PATH, [HOST], false)).toThrow(
      /its "credHelpers" names "swr\.ap-southeast-3\.myhuaweicloud\.com" 2 times/,
    );
  });

  it('says where a file is not JSON, never what it holds', () => {
    const broken = '{"auths": {"ghcr.io": {"auth": "c2VjcmV0LXRva2VuLXZhbHVl"}}} trailing';
    expect(() => editCredHelpers(broken, PATH, [HOST], false)).toThrow(/is not valid JSON \(more text after the value at line 1, column 62\)/);
    try {
      editCredHelpers(broken, PATH, [HOST], false);
    } catch (error) {
      expect(String(error)).not.toContain('c2VjcmV0');
    }
  });

  it("removes only its own entry, never another helper's", () => {
    const other = dockerStyle({ credHelpers: { [HOST]: 'ecr-login' } });
    expect(editCredHelpers(other, PATH, [HOST], true)).toMatchObject({ text: other, changed: false });
  });

  it('replaces and reports another helper named for the same host', () => {
    const other = dockerStyle({ credHelpers: { [HOST]: 'ecr-login' } });
    const edit = editCredHelpers(other, PATH, [HOST], false);
    expect(JSON.parse(edit.text)).toEqual({ credHelpers: { [HOST]: 'swr' } });
    expect(edit.replaced).toEqual([{ host: HOST, helper: 'ecr-login' }]);
  });

  it('reports a key stored by an earlier docker login for the host', () => {
    const stored = dockerStyle({ auths: { [HOST]: { auth: 'eDp5' }, 'ghcr.io': { auth: 'eDp5' } } });
    expect(editCredHelpers(stored, PATH, [HOST], false).storedKeys).toEqual([HOST]);
    expect(editCredHelpers(DOCKER_WRITTEN, PATH, [HOST], false).storedKeys).toEqual([]);
  });

  it('reports an identity token stored for the host as a stored key too', () => {
    // docker login with an OAuth registry stores "identitytoken" and no "auth".
    const token = dockerStyle({ auths: { [HOST]: { identitytoken: 'opaque' } } });
    expect(editCredHelpers(token, PATH, [HOST], false).storedKeys).toEqual([HOST]);
    const empty = dockerStyle({ auths: { [HOST]: { auth: '', identitytoken: '' } } });
    expect(editCredHelpers(empty, PATH, [HOST], false).storedKeys).toEqual([]);
  });

  it('treats a missing or empty file as an empty configuration', () => {
    expect(editCredHelpers(undefined, PATH, [HOST], false).text).toBe(`{\n\t"credHelpers": {\n\t\t"${HOST}": "swr"\n\t}\n}\n`);
    expect(JSON.parse(editCredHelpers(' \n', PATH, [HOST], false).text)).toEqual({ credHelpers: { [HOST]: 'swr' } });
    expect(editCredHelpers(undefined, PATH, [HOST], true)).toMatchObject({ text: '', changed: false });
  });

  it.each([
    ['not JSON', '{"auths": {', /is not valid JSON/],
    ['an array', '[]', /holds JSON, but not an object/],
    ['null', 'null', /holds JSON, but not an object/],
    ['credHelpers as a string', '{"credHelpers": "swr"}', /"credHelpers" is not an object/],
  ])('refuses %s with a message that names the file', (_, text, why) => {
    expect(() => editCredHelpers(text, PATH, [HOST], false)).toThrow(why);
    expect(() => editCredHelpers(text, PATH, [HOST], false)).toThrow(`cannot edit ${PATH}:`);
  });
});

describe('the layout of an edit, member by member', () => {
  it('an empty or blank file becomes a tab-indented file with a final newline', () => {
    const expected = `{\n\t"credHelpers": {\n\t\t"${HOST}": "swr"\n\t}\n}\n`;
    expect(editCredHelpers('', PATH, [HOST], false).text).toBe(expected);
    expect(editCredHelpers(' \n', PATH, [HOST], false).text).toBe(expected);
  });

  it('a file on one line stays on one line, with its final newline or without one', () => {
    expect(editCredHelpers('{}', PATH, [HOST], false).text).toBe(`{"credHelpers":{"${HOST}":"swr"}}`);
    expect(editCredHelpers('{"auths":{}}\n', PATH, [HOST], false).text).toBe(`{"auths":{},"credHelpers":{"${HOST}":"swr"}}\n`);
  });

  it('a file on several lines with no indented line gets tabs', () => {
    expect(editCredHelpers('{\n"auths": {}\n}', PATH, [HOST], false).text).toBe(`{\n"auths": {},\n"credHelpers": {\n\t"${HOST}": "swr"\n}\n}`);
  });

  it('an empty object on several lines: the members one unit in from the line of its brace', () => {
    expect(editCredHelpers('{\n    }', PATH, [HOST], false).text).toBe(`{\n    "credHelpers": {\n        "${HOST}": "swr"\n    }\n}`);
    expect(editCredHelpers('{\n  "credHelpers": {\n  }\n}\n', PATH, [HOST], false).text).toBe(`{\n  "credHelpers": {\n    "${HOST}": "swr"\n  }\n}\n`);
  });

  it('removes its entry when it is the first of several, and only it', () => {
    const text = `{"credHelpers": {"${HOST}": "swr", "gcr.io": "gcloud"}}`;
    expect(editCredHelpers(text, PATH, [HOST], true)).toMatchObject({ text: '{"credHelpers": {"gcr.io": "gcloud"}}', changed: true });
  });

  it('replaces an entry that is not a string, and reports it as the file has it', () => {
    const number = editCredHelpers(`{"credHelpers": {"${HOST}": 42}}`, PATH, [HOST], false);
    expect(number).toMatchObject({ text: `{"credHelpers": {"${HOST}": "swr"}}`, replaced: [{ host: HOST, helper: '42' }] });
    const object = editCredHelpers(`{"credHelpers": {"${HOST}": {"x": 1}}}`, PATH, [HOST], false);
    expect(object).toMatchObject({ text: `{"credHelpers": {"${HOST}": "swr"}}`, replaced: [{ host: HOST, helper: '{"x": 1}' }] });
  });

  it('refuses two credHelpers with a message to the letter', () => {
    expect(() => editCredHelpers('{"credHelpers": {}, "credHelpers": {}}', PATH, [HOST], false)).toThrow(
      new Failure(`cannot edit ${PATH}: it names "credHelpers" 2 times; keep one. Fix or move it, then try again; it was left as it is.`),
    );
  });
});

describe('parseDockerConfig and isJsonObject', () => {
  it('only a JSON object is an object', () => {
    expect([{}, { a: 1 }, [], null, 'x', 1, true, undefined].map(isJsonObject)).toEqual([true, true, false, false, false, false, false, false]);
  });

  it('refuses a credHelpers that is not an object, to the letter; blank text is an empty configuration', () => {
    for (const text of ['{"credHelpers": "swr"}', '{"credHelpers": ["swr"]}', '{"credHelpers": null}']) {
      expect(() => parseDockerConfig(text, PATH)).toThrow(
        new Failure(`cannot edit ${PATH}: its "credHelpers" is not an object of host names. Fix or move it, then try again; it was left as it is.`),
      );
    }
    expect(parseDockerConfig(' \n', PATH)).toEqual({});
    expect(parseDockerConfig('\uFEFF{"credHelpers": {"a": "b"}}', PATH)).toEqual({ credHelpers: { a: 'b' } });
  });
});

describe('maskSecrets', () => {
  it('gives back blank text as it is', () => {
    expect(maskSecrets(' \n')).toBe(' \n');
  });

  it('leaves the host names and helpers of credHelpers and credsStore alone, even when they read like secrets', () => {
    const text = '{"credHelpers": {"token.example.com": "ecr-login", "key.example.com": "gcloud"}, "credsStore": "secret-service"}';
    expect(maskSecrets(text)).toBe(text);
  });

  it('hides a secret named with "cred" inside its name, and each string of an array under a secret name', () => {
    expect(maskSecrets('{"x-cred-token": "abc", "tokens": ["a", ""], "keys": [{"password": "p"}, 3]}')).toBe(
      '{"x-cred-token": "(hidden)", "tokens": ["(hidden)", ""], "keys": [{"password": "(hidden)"}, 3]}',
    );
  });

  it('hides the secrets under a member that only starts like credHelpers or credsStore', () => {
    expect(maskSecrets('{"credentials": {"password": "p", "token": "t"}, "credsStoreX": {"auth": "a"}}')).toBe(
      '{"credentials": {"password": "(hidden)", "token": "(hidden)"}, "credsStoreX": {"auth": "(hidden)"}}',
    );
  });

  it('leaves empty strings and values that are not strings under a secret name as they are', () => {
    const text = '{"auth": "", "token": 5, "key": null, "secret": true, "password": {}}';
    expect(maskSecrets(text)).toBe(text);
  });
});

describe('applyDockerConfig', () => {
  it('creates the directory (0700) and the file (0600) when missing', () => {
    const fake = fakeIo();
    applyDockerConfig(fake.fs, fake.io.env, [HOST], { remove: false, dryRun: false });
    expect(fake.fs.statSync(`${HOME}/.docker`).mode & 0o777).toBe(0o700);
    expect(fake.fs.statSync(PATH).mode & 0o777).toBe(0o600);
    expect(JSON.parse(read(fake))).toEqual({ credHelpers: { [HOST]: 'swr' } });
  });

  it('follows DOCKER_CONFIG and keeps the mode of an existing file', () => {
    const fake = fakeIo({ env: { DOCKER_CONFIG: '/etc/docker-client' }, files: { '/etc/docker-client/config.json': DOCKER_WRITTEN } });
    fake.fs.chmodSync('/etc/docker-client/config.json', 0o640);
    const result = applyDockerConfig(fake.fs, fake.io.env, [HOST], { remove: false, dryRun: false });
    expect(result.path).toBe('/etc/docker-client/config.json');
    expect(fake.fs.statSync(result.path).mode & 0o777).toBe(0o640);
    expect(JSON.parse(read(fake, result.path)).credHelpers[HOST]).toBe('swr');
  });

  it('writes nothing on a dry run, and nothing when nothing changes', () => {
    const fake = fakeIo({ files: { [PATH]: DOCKER_WRITTEN } });
    const dry = applyDockerConfig(fake.fs, fake.io.env, [HOST], { remove: false, dryRun: true });
    expect(dry.changed).toBe(true);
    expect(read(fake)).toBe(DOCKER_WRITTEN);
    const mtime = fake.fs.statSync(PATH).mtimeMs;
    applyDockerConfig(fake.fs, fake.io.env, [HOST], { remove: true, dryRun: false });
    expect(fake.fs.statSync(PATH).mtimeMs).toBe(mtime);
    expect(fake.fs.readdirSync(`${HOME}/.docker`)).toEqual(['config.json']);
  });

  it('edits the target of a symlinked config.json and keeps the link', () => {
    const fake = fakeIo({ files: { '/dotfiles/docker.json': DOCKER_WRITTEN } });
    fake.fs.mkdirSync(`${HOME}/.docker`);
    fake.vol.symlinkSync('/dotfiles/docker.json', PATH);
    applyDockerConfig(fake.fs, fake.io.env, [HOST], { remove: false, dryRun: false });
    expect(fake.fs.lstatSync(PATH).isSymbolicLink()).toBe(true);
    expect(JSON.parse(read(fake, '/dotfiles/docker.json')).credHelpers[HOST]).toBe('swr');
  });

  it('refuses a read-only config.json, as install refuses a read-only dotfile, and changes nothing', () => {
    const fake = fakeIo();
    fake.fs.mkdirSync(`${HOME}/.docker`);
    fake.fs.writeFileSync(PATH, DOCKER_WRITTEN);
    fake.fs.chmodSync(PATH, 0o444);
    expect(() => applyDockerConfig(fake.fs, fake.io.env, [HOST], { remove: false, dryRun: false })).toThrow(
      `${PATH} is read-only (mode 0444), so swr-shell left it alone: make it writable (chmod u+w ${PATH}) and run the command again.`,
    );
    expect(read(fake)).toBe(DOCKER_WRITTEN);
    expect(fake.fs.readdirSync(`${HOME}/.docker`)).toEqual(['config.json']);
  });

  it('keeps a leading byte-order mark, and refuses bytes that are not UTF-8 even inside a string', () => {
    const fake = fakeIo({ files: { [PATH]: '\uFEFF{"auths": {}}' } });
    applyDockerConfig(fake.fs, fake.io.env, [HOST], { remove: false, dryRun: false });
    expect(read(fake)).toBe(`\uFEFF{"auths": {},"credHelpers": {"${HOST}": "swr"}}`);
    const bytes = Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xff]), Buffer.from('"}')]);
    const bad = fakeIo();
    bad.fs.mkdirSync(`${HOME}/.docker`);
    bad.fs.writeFileSync(PATH, bytes);
    expect(() => applyDockerConfig(bad.fs, bad.io.env, [HOST], { remove: false, dryRun: false })).toThrow(
      new Failure(`cannot edit ${PATH}: it is not UTF-8 text. Fix or move it; it was left as it is.`),
    );
    expect(Buffer.from(bad.fs.readFileSync(PATH) as Uint8Array).equals(bytes)).toBe(true);
  });

  it('leaves a file that is not JSON or not UTF-8 untouched', () => {
    for (const bytes of [Buffer.from('{"auths": {'), Buffer.from([0x7b, 0xff, 0xfe, 0x7d])]) {
      const fake = fakeIo();
      fake.fs.mkdirSync(`${HOME}/.docker`);
      fake.fs.writeFileSync(PATH, bytes);
      expect(() => applyDockerConfig(fake.fs, fake.io.env, [HOST], { remove: false, dryRun: false })).toThrow(/left as it is/);
      expect(Buffer.from(fake.fs.readFileSync(PATH) as Uint8Array).equals(bytes)).toBe(true);
      expect(fake.fs.readdirSync(`${HOME}/.docker`)).toEqual(['config.json']);
    }
  });
});

describe('swr-shell docker-config', () => {
  it("adds the selected profile's registry, then --remove takes it out again", async () => {
    const fake = configured({ files: { [PATH]: DOCKER_WRITTEN }, env: { PATH: '/nowhere' } });
    await dispatch(['docker-config'], fake.io);
    expect(JSON.parse(read(fake)).credHelpers).toEqual({ 'gcr.io': 'gcloud', [HOST]: 'swr' });
    expect(fake.stdout()).toBe(`Docker now asks docker-credential-swr for ${HOST} (credHelpers in ${PATH}).\n`);
    expect(fake.stderr()).toContain('docker-credential-swr is not on PATH');
    await dispatch(['docker-config'], fake.io);
    expect(fake.stdout()).toContain('No change: docker already asks');
    await dispatch(['docker-config', '--remove'], fake.io);
    expect(read(fake)).toBe(DOCKER_WRITTEN);
  });

  it('prints the resulting file on --dry-run and writes nothing', async () => {
    const fake = configured();
    await dispatch(['docker-config', '--dry-run'], fake.io);
    expect(JSON.parse(fake.stdout())).toEqual({ credHelpers: { [HOST]: 'swr' } });
    expect(fake.vol.existsSync(`${HOME}/.docker`)).toBe(false);
  });

  it("hides every secret the file stores on --dry-run: other registries' auth, tokens, passwords, headers, proxy passwords", async () => {
    const secrets = ['Z2hjcjpnaHBfc2VjcmV0MQ==', 'identity-token-secret-2', 'registry-token-secret-3', 'plain-password-secret-4', 'Bearer header-secret-5', 'proxy-secret-6'];
    const stored = dockerStyle({
      auths: {
        'ghcr.io': { auth: secrets[0] },
        'quay.io': { identitytoken: secrets[1], registrytoken: secrets[2] },
        'registry.example': { username: 'me', password: secrets[3] },
      },
      HttpHeaders: { Authorization: secrets[4] },
      proxies: { default: { httpsProxy: `http://me:${secrets[5]}@proxy.example:3128` } },
      credHelpers: { 'gcr.io': 'gcloud' },
    });
    const fake = configured({ files: { [PATH]: stored } });
    await dispatch(['docker-config', '--dry-run'], fake.io);
    const shown = fake.stdout();
    for (const secret of secrets) expect(shown).not.toContain(secret);
    const parsed = JSON.parse(shown);
    expect(parsed.auths['ghcr.io']).toEqual({ auth: '(hidden)' });
    expect(parsed.auths['registry.example']).toEqual({ username: 'me', password: '(hidden)' });
    expect(parsed.proxies.default.httpsProxy).toBe('http://me:(hidden)@proxy.example:3128');
    expect(parsed.credHelpers).toEqual({ 'gcr.io': 'gcloud', [HOST]: 'swr' });
    expect(read(fake)).toBe(stored);
  });

  it('is quiet about PATH when docker-credential-swr is on it', async () => {
    const fake = configured({ env: { PATH: '/opt/bin' }, files: { '/opt/bin/docker-credential-swr': '#!/bin/sh\n' } });
    fake.fs.chmodSync('/opt/bin/docker-credential-swr', 0o755);
    await dispatch(['docker-config'], fake.io);
    expect(fake.stderr()).toBe('');
  });

  it('tells how to delete a key that an earlier docker login stored', async () => {
    const fake = configured({ files: { [PATH]: dockerStyle({ auths: { [HOST]: { auth: 'eDp5' } } }) }, env: { PATH: '/nowhere' } });
    await dispatch(['docker-config'], fake.io);
    expect(fake.stderr()).toContain(`still stores a key for ${HOST} from an earlier docker login; run docker logout ${HOST}`);
  });

  it('fails without settings, and writes nothing', async () => {
    const fake = fakeIo();
    await expect(dispatch(['docker-config'], fake.io)).rejects.toThrow(/no SWR settings: profile "default"/);
    expect(fake.vol.existsSync(`${HOME}/.docker`)).toBe(false);
  });

  it('uses --profile and the environment as the plugin does', async () => {
    const fake = configured({ env: { SWR_REGION: 'cn-north-4' } });
    await dispatch(['docker-config', '--dry-run', '--profile', 'default'], fake.io);
    expect(JSON.parse(fake.stdout())).toEqual({ credHelpers: { 'swr.cn-north-4.myhuaweicloud.com': 'swr' } });
  });
});
