// The marked block on raw bytes: examples for each kind of file, then
// properties over arbitrary contents (fast-check).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findBlocks, removeBlocks, writeBlock } from '../../src/core/block.ts';

const START = '# >>> swr-shell >>>';
const END = '# <<< swr-shell <<<';
const BLOCK = `${START}\nline one\n${END}`;
const OTHER = `${START}\nline two\n${END}`;

const bytes = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));
const text = (data: Uint8Array): string => String.fromCharCode(...data);
const write = (before: string | undefined, block = BLOCK): string =>
  text(writeBlock(before === undefined ? undefined : bytes(before), block, 'rc'));
const remove = (before: string): string => text(removeBlocks(bytes(before), 'rc'));

describe('writeBlock and removeBlocks', () => {
  const cases: Array<[name: string, before: string, after: string]> = [
    ['an empty file', '', `${BLOCK}\n`],
    ['a file ending in a newline', 'a\nb\n', `a\nb\n${BLOCK}\n`],
    ['a file without a final newline', 'a\nb', `a\nb\n${BLOCK}`],
    // In a CRLF file a code line ends in " #": bash and zsh then read the CR as part of a comment.
    ['a CRLF file', 'a\r\nb\r\n', `a\r\nb\r\n${START}\r\nline one #\r\n${END}\r\n`],
    ['a CRLF file without a final newline', 'a\r\nb', `a\r\nb\r\n${START}\r\nline one #\r\n${END}`],
    ['a file of one CR', '\r', `\r\n${BLOCK}`],
    ['bytes that are not UTF-8', 'caf\xe9\n\xff\xfe\x00\n', `caf\xe9\n\xff\xfe\x00\n${BLOCK}\n`],
    [
      "other tools' blocks",
      '# >>> conda initialize >>>\nconda\n# <<< conda initialize <<<\nexport NVM_DIR="$HOME/.nvm"\n',
      `# >>> conda initialize >>>\nconda\n# <<< conda initialize <<<\nexport NVM_DIR="$HOME/.nvm"\n${BLOCK}\n`,
    ],
  ];
  for (const [name, before, after] of cases) {
    it(`appends to ${name}, and removing gives back the bytes`, () => {
      expect(write(before)).toBe(after);
      expect(remove(after)).toBe(before);
      expect(write(after)).toBe(after);
    });
  }

  it('creates a file that does not exist', () => {
    expect(write(undefined)).toBe(`${BLOCK}\n`);
  });

  it('replaces a block in place, with its own line ends, and keeps what follows', () => {
    const before = `a\r\n${START}\r\nold\r\n${END}\r\nb\r\n`;
    expect(write(before, OTHER)).toBe(`a\r\n${START}\r\nline two #\r\n${END}\r\nb\r\n`);
  });

  it('keeps a missing final newline after a replaced block', () => {
    expect(write(`a\n${BLOCK}`, OTHER)).toBe(`a\n${OTHER}`);
  });

  it('finds markers with trailing blanks, CR and indentation', () => {
    const before = `a\n  ${START} \t\nold\n${END}  \r\nb\n`;
    expect(write(before)).toBe(`a\n${BLOCK}\nb\n`);
    expect(remove(before)).toBe('a\nb\n');
  });

  it('keeps the first of two blocks and removes the second', () => {
    expect(write(`a\n${OTHER}\nb\n${OTHER}\nc\n`)).toBe(`a\n${BLOCK}\nb\nc\n`);
    expect(remove(`a\n${OTHER}\nb\n${OTHER}\nc\n`)).toBe('a\nb\nc\n');
  });

  it('reports the blocks it finds, with their lines', () => {
    expect(findBlocks(bytes(`x\n${START}\r\n  note \n${END}`), 'rc')).toEqual([{ line: 2, lines: [START, 'note', END] }]);
  });

  it('refuses a block whose end marker was deleted, naming the line', () => {
    expect(() => write(`a\n${START}\nline\n`)).toThrow(/rc: the swr-shell block that starts on line 2 has no end marker/);
    expect(() => remove(`a\n${START}\nline\n`)).toThrow(/line 2 has no end marker/);
  });

  it('refuses a second start marker before an end marker', () => {
    expect(() => write(`${START}\n${START}\n${END}\n`)).toThrow(/starts on line 1 has another start marker on line 2/);
  });

  it('refuses an end marker without a start marker', () => {
    expect(() => remove(`a\n${END}\n`)).toThrow(/rc: line 2 has the swr-shell end marker .* but no start marker/);
  });
});

/** Arbitrary bytes, mostly in lines, with line ends of every kind. */
const anyBytes = fc.oneof(
  fc.uint8Array({ maxLength: 200 }).map(text),
  fc
    .array(
      fc.oneof(
        fc.constantFrom('\n', '\r\n', '\r', '', ' ', '\t', 'x', '\xff\xfe', 'caf\xe9', '# >>> conda initialize >>>', '# <<< conda initialize <<<'),
        fc.string({ maxLength: 8 }),
      ),
      { maxLength: 30 },
    )
    .map((parts) => parts.join('')),
);

/** Contents that may hold swr-shell blocks too, well-formed or not. */
const withMarkers = fc
  .array(fc.oneof(anyBytes, fc.constantFrom(`${START}\n`, `${END}\n`, `${BLOCK}\n`, `${OTHER}\r\n`, `${OTHER}`)), { maxLength: 6 })
  .map((parts) => parts.join(''));

const hasMarker = (content: string): boolean => content.includes('swr-shell >>>') || content.includes('swr-shell <<<');

function wellFormed(content: string): boolean {
  try {
    findBlocks(bytes(content), 'rc');
    return true;
  } catch {
    return false;
  }
}

describe('properties over arbitrary contents', () => {
  it('removing the block written into a file without one gives back its bytes', () => {
    fc.assert(
      fc.property(anyBytes.filter((content) => !hasMarker(content)), (before) => {
        expect(remove(write(before))).toBe(before);
      }),
      { numRuns: 1000 },
    );
  });

  it('writing twice is writing once, and leaves exactly one block', () => {
    fc.assert(
      fc.property(withMarkers.filter(wellFormed), (before) => {
        const once = write(before);
        expect(write(once)).toBe(once);
        expect(findBlocks(bytes(once), 'rc')).toHaveLength(1);
      }),
      { numRuns: 1000 },
    );
  });

  it('a changed block replaces the old one in place', () => {
    fc.assert(
      fc.property(withMarkers.filter(wellFormed), (before) => {
        expect(write(write(before, OTHER))).toBe(write(before));
        expect(remove(write(write(before, OTHER)))).toBe(remove(write(before)));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses, rather than guesses, when a marker is missing', () => {
    fc.assert(
      fc.property(withMarkers.filter((content) => !wellFormed(content)), (before) => {
        expect(() => write(before)).toThrow(/marker/);
        expect(() => remove(before)).toThrow(/marker/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the refusals to the letter, and the edge cases of line ends', () => {
  it('a block without its end marker: what happened and what to do', () => {
    expect(() => write(`a\n${START}\nline\n`)).toThrow(
      `rc: the swr-shell block that starts on line 2 has no end marker after it ("${END}"); ` +
        'was a line deleted by hand? swr-shell cannot tell where that block ends, so it changed nothing. ' +
        `Put "${END}" back after the block's last line, or delete the block, then run the command again.`,
    );
  });

  it('an end marker without a start marker: what happened and what to do', () => {
    expect(() => remove(`a\n${END}\n`)).toThrow(
      `rc: line 2 has the swr-shell end marker ("${END}") but no start marker before it; ` +
        `swr-shell changed nothing. Delete that line, or put "${START}" back where the block starts, then run the command again.`,
    );
  });

  it('reports the lines of a block that ends in a newline without that newline', () => {
    expect(findBlocks(bytes(`${START}\nnote\n${END}\n`), 'rc')).toEqual([{ line: 1, lines: [START, 'note', END] }]);
  });

  it('a CRLF file: an empty line of the block stays empty, and a comment gets no " #"', () => {
    expect(write('a\r\n', `${START}\n\n  # note\ncode\n${END}`)).toBe(`a\r\n${START}\r\n\r\n  # note\r\ncode #\r\n${END}\r\n`);
  });

  it('a last block without a final newline takes only its own line end with it', () => {
    // The block's lines end in CRLF, the line before it in LF: that LF stays.
    expect(remove(`a\n${START}\r\nx\r\n${END}`)).toBe('a\n');
    // A block in the middle leaves the line end before it alone.
    expect(remove(`a\n${BLOCK}\nb`)).toBe('a\nb');
  });
});

describe('a second block that ends the file without a newline', () => {
  it('is removed with the line end before it, and the first block then ends the file as it did', () => {
    expect(write(`a\n${OTHER}\n${OTHER}`)).toBe(`a\n${BLOCK}`);
    expect(write(`a\r\n${START}\r\nold\r\n${END}\r\n${OTHER}`)).toBe(`a\r\n${START}\r\nline one #\r\n${END}`);
  });
});
