/**
 * The bytes of a TEI file as text for `validate`: UTF-8 (a byte order mark allowed), as
 * telegram-tei writes it. Bytes that are not UTF-8 are an error at the line and column of the
 * first bad byte (as xmllint's "Input is not proper UTF-8"), never replaced by U+FFFD and then
 * called valid.
 */
import { message, type Message } from '../messages.js';

export const ENCODING_RULE = 'tei/encoding';

const strict = new TextDecoder('utf-8', { fatal: true });

/** Length of the valid UTF-8 sequence at `i`, or 0 when the bytes there are not one. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  const [n, min, max] = b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf]
    : b === 0xe0 ? [3, 0xa0, 0xbf] : b === 0xed ? [3, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf]
      : b === 0xf0 ? [4, 0x90, 0xbf] : b === 0xf4 ? [4, 0x80, 0x8f] : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf] : [0, 0, 0];
  if (n === 0 || i + n > bytes.length) return 0;
  if (bytes[i + 1]! < min || bytes[i + 1]! > max) return 0;
  for (let k = 2; k < n; k++) if (bytes[i + k]! < 0x80 || bytes[i + k]! > 0xbf) return 0;
  return n;
}

/** Line and column (1-based, in characters) of the first byte that is not UTF-8, and that byte. */
function firstBadByte(bytes: Uint8Array): { line: number; column: number; byte: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < bytes.length;) {
    const n = sequenceLength(bytes, i);
    if (n === 0) return { line, column, byte: bytes[i]! };
    if (bytes[i] === 0x0a) {
      line++;
      column = 1;
    } else {
      column += n === 4 ? 2 : 1; // characters as JavaScript (and our other messages) count them
    }
    i += n;
  }
  return { line, column, byte: 0 };
}

/** The text of a TEI file, or the message saying why its bytes are not UTF-8 text. */
export function decodeTeiBytes(bytes: Uint8Array, file: string): { text: string } | { error: Message } {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) {
    return { error: message('error', ENCODING_RULE, 'the file is UTF-16 (it starts with a UTF-16 byte order mark): validate reads UTF-8 TEI, as telegram-tei writes it', file, { line: 1, column: 1 }) };
  }
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const bad = firstBadByte(bytes);
    return {
      error: message('error', ENCODING_RULE, `input is not proper UTF-8: byte 0x${bad.byte.toString(16).toUpperCase().padStart(2, '0')} cannot start or continue a character here`, file, bad),
    };
  }
}
