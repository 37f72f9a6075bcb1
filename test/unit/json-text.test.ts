// The JSON text parser of src/core/json-text.ts on its own: what it accepts
// (each number form, escapes, white space, a byte-order mark), where it places
// each value, and each error to the letter, with its line and column.

import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJsonText } from '../../src/core/json-text.ts';

/** The message `parseJsonText(text)` throws, after checking it is a JsonSyntaxError. */
function errorOf(text: string): string {
  try {
    parseJsonText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(JsonSyntaxError);
    return (error as Error).message;
  }
  throw new Error(`parsed: ${JSON.stringify(text)}`);
}

/** The text of each item of the array that `text` is. */
function itemsOf(text: string): string[] {
  const root = parseJsonText(text);
  if (root.kind !== 'array') throw new Error(`not an array: ${root.kind}`);
  return root.items.map((item) => text.slice(item.start, item.end));
}

describe('what it accepts', () => {
  it('every form of number, each as one value', () => {
    const numbers = ['0', '-1', '7', '12', '123', '1.25', '-0.5', '1e10', '1E+2', '2e-3', '1.5e+10', '-0.0e0', '90071992547409931'];
    expect(itemsOf(`[${numbers.join(',')}]`)).toEqual(numbers);
  });

  it('the three literals, and nothing like them', () => {
    expect(itemsOf('[true,false,null]')).toEqual(['true', 'false', 'null']);
    expect(errorOf('[nul]')).toBe('a value expected at line 1, column 2');
    expect(errorOf('[True]')).toBe('a value expected at line 1, column 2');
  });

  it('numbers that JSON does not allow', () => {
    expect(errorOf('[01]')).toBe('"," or "]" expected at line 1, column 3');
    expect(errorOf('[1.]')).toBe('"," or "]" expected at line 1, column 3');
    expect(errorOf('[1e]')).toBe('"," or "]" expected at line 1, column 3');
    expect(errorOf('[+1]')).toBe('a value expected at line 1, column 2');
    expect(errorOf('[.5]')).toBe('a value expected at line 1, column 2');
  });

  it('strings with every escape, kept as their value', () => {
    const root = parseJsonText(String.raw`["", "ab", "a\"b\\c\/d\b\f\n\r\t", "\u00e9\u00C9\uD83D\uDE00"]`);
    expect(root.kind === 'array' && root.items.map((item) => item.kind === 'string' && item.value)).toEqual(['', 'ab', 'a"b\\c/d\b\f\n\r\t', 'éÉ😀']);
  });

  it('white space of each kind, in any amount, around every token', () => {
    const text = ' \t\r\n{ \n\t"a" \r\n:  [ 1 ,\t\t2 ] ,"b":{ } , "c" : [ ] }  \n\n';
    const root = parseJsonText(text);
    expect(root).toMatchObject({ kind: 'object', start: 4, end: text.length - 4 });
    expect(root.kind === 'object' && root.members.map((member) => [member.key, text.slice(member.start, member.keyEnd), text.slice(member.value.start, member.value.end)])).toEqual([
      ['a', '"a"', '[ 1 ,\t\t2 ]'],
      ['b', '"b"', '{ }'],
      ['c', '"c"', '[ ]'],
    ]);
  });

  it('an empty object and an empty array with space inside', () => {
    expect(parseJsonText('{ }')).toEqual({ kind: 'object', start: 0, end: 3, members: [] });
    expect(parseJsonText('[\n]')).toEqual({ kind: 'array', start: 0, end: 3, items: [] });
  });

  it('a leading byte-order mark, skipped', () => {
    expect(parseJsonText('\uFEFF{"a":true}')).toMatchObject({ kind: 'object', start: 1, end: 11 });
    expect(errorOf('{}\uFEFF')).toBe('more text after the value at line 1, column 3');
  });

  it('values nested 512 deep below the top, not one more', () => {
    expect(parseJsonText('['.repeat(513) + ']'.repeat(513))).toMatchObject({ kind: 'array', end: 1026 });
    expect(errorOf('['.repeat(514) + ']'.repeat(514))).toBe('values nested too deeply at line 1, column 514');
    expect(parseJsonText('{"a":'.repeat(512) + '1' + '}'.repeat(512))).toMatchObject({ kind: 'object' });
    expect(errorOf('{"a":'.repeat(513) + '1' + '}'.repeat(513))).toBe('values nested too deeply at line 1, column 2566');
  });
});

describe('each error, to the letter, with where it is', () => {
  it.each([
    ['', 'the text ends where a value was expected at line 1, column 1'],
    ['[1,', 'the text ends where a value was expected at line 1, column 4'],
    ['{"a":\n', 'the text ends where a value was expected at line 2, column 1'],
    ['x', 'a value expected at line 1, column 1'],
    ['[1,]', 'a value expected at line 1, column 4'],
    ['{1:2}', 'a string expected at line 1, column 2'],
    ['{"a":1,}', 'a string expected at line 1, column 8'],
    ['"abc', 'a string that is not closed or holds a control character at line 1, column 1'],
    ['["a\tb"]', 'a string that is not closed or holds a control character at line 1, column 2'],
    ['"\\u12"', 'a string that is not closed or holds a control character at line 1, column 1'],
    ['"\\x41"', 'a string that is not closed or holds a control character at line 1, column 1'],
    ['{"a" 1}', '":" expected at line 1, column 6'],
    ['{\n  "a": 1,\n  "b" 2\n}', '":" expected at line 3, column 7'],
    ['{"a":1 "b":2}', '"," or "}" expected at line 1, column 8'],
    ['[1 2]', '"," or "]" expected at line 1, column 4'],
    ['{} {}', 'more text after the value at line 1, column 4'],
  ])('%j: %s', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('is a JsonSyntaxError by name', () => {
    expect(() => parseJsonText('')).toThrow(expect.objectContaining({ name: 'JsonSyntaxError' }));
  });
});
