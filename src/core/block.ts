// The marked block in a startup file: found, written in place and removed on
// the exact bytes (binary strings, see bytes.ts), so that everything around it
// survives: CRLF line ends, a missing final newline, bytes that are not UTF-8,
// other tools' blocks. Markers match line by line, tolerant of CRLF and of
// blanks around them, as pnpm's do.
//
// Removing a block gives back what was there before the block was written:
// - appended to a file that ends without a newline, the block gets the line
//   end it needs in front and none at its own end, so the file still "ends
//   without a newline" and removal takes that line end away again;
// - the block's lines end as the file's do (its first line end; LF by default).
//   bash and zsh read a CR before the LF as part of the code, so in a CRLF file
//   each code line ends in " #": the CR is then part of a comment. The block
//   template keeps to lines for which that is safe (templates/block.ejs).

import { binaryToBytes, bytesToBinary, utf8ToBinary } from './bytes.ts';
import { BLOCK_END, BLOCK_START } from './dotfiles.ts';
import { Failure } from './errors.ts';

/** A block as found: where it is, in binary-string offsets, and its lines. */
interface Span {
  readonly start: number;
  /** Just after the end marker's line end (or the end of the file). */
  readonly end: number;
  /** The line end of its start marker: the block's own. */
  readonly eol: string;
  /** 1-based line number of its start marker. */
  readonly line: number;
}

export interface MarkedBlock {
  /** 1-based line number of its start marker. */
  readonly line: number;
  /** Its lines, markers included, without line ends or surrounding blanks. */
  readonly lines: readonly string[];
}

function trimLine(line: string): string {
  return line.replace(/^[ \t]+|[ \t\r\n]+$/g, '');
}

function unterminated(where: string, line: number, nextStart?: number): Failure {
  const found = nextStart === undefined ? 'no end marker after it' : `another start marker on line ${nextStart} before its end`;
  return new Failure(
    `${where}: the swr-shell block that starts on line ${line} has ${found} ("${BLOCK_END}"); ` +
      'was a line deleted by hand? swr-shell cannot tell where that block ends, so it changed nothing. ' +
      `Put "${BLOCK_END}" back after the block's last line, or delete the block, then run the command again.`,
  );
}

function scan(binary: string, where: string): Span[] {
  const spans: Span[] = [];
  let open: { start: number; line: number; eol: string } | undefined;
  let position = 0;
  for (let line = 1; position < binary.length; line++) {
    const newline = binary.indexOf('\n', position);
    const next = newline < 0 ? binary.length : newline + 1;
    const text = binary.slice(position, next);
    const marker = trimLine(text);
    if (marker === BLOCK_START) {
      if (open) throw unterminated(where, open.line, line);
      open = { start: position, line, eol: text.endsWith('\r\n') ? '\r\n' : '\n' };
    } else if (marker === BLOCK_END) {
      if (!open) {
        throw new Failure(
          `${where}: line ${line} has the swr-shell end marker ("${BLOCK_END}") but no start marker before it; ` +
            `swr-shell changed nothing. Delete that line, or put "${BLOCK_START}" back where the block starts, ` +
            'then run the command again.',
        );
      }
      spans.push({ start: open.start, end: next, eol: open.eol, line: open.line });
      open = undefined;
    }
    position = next;
  }
  if (open) throw unterminated(where, open.line);
  return spans;
}

/** The line end of a file without a block: its first one, else LF. */
function lineEnd(binary: string): string {
  const newline = binary.indexOf('\n');
  // No newline (-1) or one at the start (0): there is no character before it, and LF it is.
  return binary[newline - 1] === '\r' ? '\r\n' : '\n';
}

function without(binary: string, span: Span): string {
  let start = span.start;
  const atEnd = span.end === binary.length && !binary.endsWith('\n');
  // The line end in front of a block that ends the file without a newline was written with the block.
  if (atEnd && binary.slice(0, start).endsWith(span.eol)) start -= span.eol.length;
  return binary.slice(0, start) + binary.slice(span.end);
}

/** The swr-shell blocks of a file; a failure naming `where` if a marker is missing. */
export function findBlocks(data: Uint8Array, where: string): MarkedBlock[] {
  const binary = bytesToBinary(data);
  return scan(binary, where).map((span) => ({
    line: span.line,
    lines: binary.slice(span.start, span.end).replace(/\n$/, '').split('\n').map(trimLine),
  }));
}

/** The block's text (lines joined by "\n") with `eol` line ends, as written into a file. */
export function blockWithLineEnds(block: string, eol: string): string {
  if (eol === '\n') return block;
  return block
    .split('\n')
    .map((line) => (/^\s*(#|$)/.test(line) ? line : `${line} #`))
    .join(eol);
}

/**
 * The file with `block` (text lines joined by "\n", markers included) in
 * place of its first swr-shell block, further blocks removed; or appended
 * when it has none. `data` undefined is a file that does not exist.
 */
export function writeBlock(data: Uint8Array | undefined, block: string, where: string): Uint8Array {
  let binary = data === undefined ? '' : bytesToBinary(data);
  const spans = scan(binary, where);
  const lines = (eol: string): string => utf8ToBinary(blockWithLineEnds(block, eol));
  if (spans.length === 0) {
    const eol = lineEnd(binary);
    if (binary === '' || binary.endsWith('\n')) return binaryToBytes(binary + lines(eol) + eol);
    return binaryToBytes(binary + eol + lines(eol));
  }
  for (const span of spans.slice(1).reverse()) binary = without(binary, span);
  // Removing a last block may have taken the line end of the first one with it: its span then
  // reaches past the end of the file, and the slices below stop at the end.
  const first = spans[0]!;
  const ending = binary.slice(first.start, first.end).endsWith('\n') ? first.eol : '';
  return binaryToBytes(binary.slice(0, first.start) + lines(first.eol) + ending + binary.slice(first.end));
}

/** The file without its swr-shell blocks. */
export function removeBlocks(data: Uint8Array, where: string): Uint8Array {
  let binary = bytesToBinary(data);
  for (const span of scan(binary, where).reverse()) binary = without(binary, span);
  return binaryToBytes(binary);
}
