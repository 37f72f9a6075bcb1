// The JavaScript profile reader against the one corpus of profile files
// (test/support/profile-corpus.ts) that the plugin is tested on in every shell
// (test/shell/plugin-hostile.test.ts): the same files, the same verdicts.

import { describe, expect, it } from 'vitest';
import { Failure } from '../../src/core/errors.ts';
import { readProfile } from '../../src/core/profile.ts';
import { CORPUS_AK, CORPUS_KEY, PROFILE_CORPUS } from '../support/profile-corpus.ts';
import { fakeIo, HOME } from '../support/io.ts';

describe('the profile corpus, read by readProfile', () => {
  it.each(PROFILE_CORPUS)('$name', (file) => {
    const { fs, io } = fakeIo();
    fs.mkdirSync(`${HOME}/.config/swr-shell`, { recursive: true });
    // The file's bytes as UTF-8, as a shell or an editor would have left them.
    fs.writeFileSync(`${HOME}/.config/swr-shell/corpus.conf`, Buffer.from(file.text, 'utf8'));
    const read = () => readProfile(fs, io.env, 'corpus');
    if ('ok' in file.verdict) {
      const { region, project, org, registry } = file.verdict.ok;
      expect(read()).toEqual({ region, project, org, registry, ak: CORPUS_AK, loginKey: CORPUS_KEY });
    } else {
      expect(read).toThrow(Failure);
      expect(read).toThrow(file.verdict.refused);
      try {
        read();
      } catch (error) {
        // One line of message, with no control character of the file in it.
        expect((error as Error).message).not.toMatch(/[\x00-\x1f\x7f]/);
      }
    }
  });
});
