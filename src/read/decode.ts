/**
 * read: bytes -> SourceText. Decodes UTF-8 (BOM dropped), UTF-16 with a BOM, and Windows-1252
 * when the bytes are not UTF-8 (with a warning, never silent mojibake); refuses binary files,
 * PDFs and empty input with one clear message. Normalises line endings; every other character
 * is kept, except C0 control characters XML cannot carry, which are dropped with a warning.
 */
import { message, type Message } from '../messages.js';
import type { SourceText } from '../model.js';

/** Documented input limit: larger files are refused rather than risking memory. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export type DecodeResult = { ok: true; source: SourceText } | { ok: false; messages: Message[] };

export function decodeInput(bytes: Uint8Array, file: string): DecodeResult {
  const fail = (rule: string, text: string): DecodeResult => ({
    ok: false,
    messages: [message('error', rule, text, file)],
  });
  if (bytes.length > MAX_INPUT_BYTES) {
    return fail('read/too-large', `input is ${bytes.length} bytes; the limit is ${MAX_INPUT_BYTES} bytes (16 MiB): split the file`);
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    return fail('read/pdf', 'input is a PDF, not plain text: copy the document text from history.state.gov or extract it with pdftotext first');
  }
  const decoded = decodeBytes(bytes);
  if (!decoded) {
    return fail('read/binary', 'input looks like a binary file (NUL bytes or undecodable data), not text');
  }
  const messages: Message[] = [];
  if (decoded.encoding === 'windows-1252') {
    messages.push(message('warning', 'read/not-utf8', 'input is not valid UTF-8; decoded as Windows-1252 (Latin-1): check accented letters and quotes', file));
  }
  let text = decoded.text.replace(/\r\n?/g, '\n');
  const cleaned = dropControlCharacters(text, file);
  text = cleaned.text;
  messages.push(...cleaned.messages);
  if (text.trim() === '') {
    return fail('read/empty', bytes.length === 0 ? 'input is empty' : 'input holds only white space');
  }
  return { ok: true, source: { file, text, encoding: decoded.encoding, messages } };
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function decodeBytes(bytes: Uint8Array): { text: string; encoding: string } | undefined {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return tryDecode('utf-8', bytes.subarray(3));
  }
  if (startsWith(bytes, [0xff, 0xfe])) return tryDecode('utf-16le', bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return tryDecode('utf-16be', bytes.subarray(2));
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return tryDecode(utf16, bytes);
  if (looksBinary(bytes)) return undefined;
  return tryDecode('utf-8', bytes) ?? { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
}

/** UTF-16 without a BOM: in ASCII-heavy text every other byte is NUL. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

// Windows-1252's 0x80–0x9F (Node's TextDecoder decodes that label as ISO-8859-1, giving C1 controls).
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    const chunk = bytes.subarray(i, i + 4096);
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)));
  }
  return out;
}

function tryDecode(encoding: string, bytes: Uint8Array): { text: string; encoding: string } | undefined {
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    if (encoding.startsWith('utf-16') && /[\u0000]/.test(text)) return undefined;
    return { text, encoding };
  } catch {
    return undefined;
  }
}

/** Many NUL bytes, or many bytes outside text ranges, in the first 8 KiB mean binary data;
 *  a stray control character in a text is dropped later with a warning. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let nul = 0;
  let odd = 0;
  for (const b of sample) {
    if (b === 0) nul++;
    else if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) odd++;
  }
  return sample.length > 0 && (nul / sample.length > 0.01 || (nul + odd) / sample.length > 0.05);
}

// XML 1.0 allows tab, LF, CR among the C0 controls; nothing from U+FFFE/U+FFFF or lone surrogates.
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function dropControlCharacters(text: string, file: string): { text: string; messages: Message[] } {
  const messages: Message[] = [];
  if (!NOT_XML_CHAR.test(text)) return { text, messages };
  NOT_XML_CHAR.lastIndex = 0;
  let count = 0;
  const out = text.replace(NOT_XML_CHAR, (ch, offset: number) => {
    if (count++ < 20) {
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      messages.push(message('warning', 'read/control-character', `control character U+${code} cannot be stored in XML and was dropped`, file, { line, column }));
    }
    return ch === '\u000B' || ch === '\u000C' ? '\n' : '';
  });
  if (count > 20) {
    messages.push(message('warning', 'read/control-character', `${count - 20} more control characters dropped`, file));
  }
  return { text: out, messages };
}
