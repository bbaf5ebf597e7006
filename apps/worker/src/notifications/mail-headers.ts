/**
 * Header fields with non-ASCII text (names, subjects in kk/ru), written as RFC 2047 encoded-words
 * that end only where a word ends. Whitespace between two encoded-words is dropped when decoding,
 * so a word cut across two of them must be glued back by the reader — and some mail clients
 * don't, showing "Тексеро ва". Here each encoded-word holds whole words with the space that
 * follows them; only a single word longer than one encoded-word can carry (45 bytes: 22 Cyrillic
 * letters) is ever cut, at a character boundary. Pure functions; email.channel applies them.
 */

const PREFIX = '=?UTF-8?B?';
const SUFFIX = '?=';
/** RFC 2047: an encoded-word is at most 75 characters, and a line holding one at most 76. */
const MAX_LINE = 76;

/** True when a header value cannot go as it is (anything outside printable ASCII). */
export const needsEncoding = (value: string): boolean => /[^\x20-\x7e]/.test(value);

/** Bytes of text one encoded-word may carry when it has `room` characters of line. */
const capacity = (room: number) => Math.floor((room - PREFIX.length - SUFFIX.length) / 4) * 3;
const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * The text cut into encoded-word payloads: whole words, each with its following whitespace, as
 * many as fit. `firstRoom` is what the first line leaves after the field name ("Subject: ").
 */
export function wordChunks(text: string, firstRoom: number): string[] {
  const tokens = text.match(/\s*\S+\s*/g) ?? [text];
  const chunks: string[] = [];
  let current = '';
  let room = firstRoom;
  const close = () => {
    if (current) chunks.push(current);
    current = '';
    room = MAX_LINE - 1; // continuation lines begin with one space
  };
  for (const token of tokens) {
    if (bytes(current + token) <= capacity(room)) {
      current += token;
      continue;
    }
    close();
    if (bytes(token) <= capacity(room)) {
      current = token;
      continue;
    }
    // One word longer than any encoded-word: cut between characters (code points), never inside one.
    for (const ch of token) {
      if (bytes(current + ch) > capacity(room)) close();
      current += ch;
    }
  }
  close();
  return chunks;
}

/** The folded value of an unstructured field (Subject): encoded-words one per line when needed. */
export function encodeText(value: string, fieldName: string): string {
  if (!needsEncoding(value)) return value;
  return wordChunks(value, MAX_LINE - fieldName.length - 2)
    .map((c) => `${PREFIX}${Buffer.from(c, 'utf8').toString('base64')}${SUFFIX}`)
    .join('\r\n ');
}

/** The folded value of an address field (From, To): the display name as above, then the address. */
export function encodeAddress(name: string, address: string, fieldName: string): string {
  if (!name) return address;
  if (!needsEncoding(name)) {
    const atoms = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/.test(name);
    return `${atoms ? name : `"${name.replace(/["\\]/g, '\\$&')}"`} <${address}>`;
  }
  return `${encodeText(name, fieldName)}\r\n <${address}>`;
}

/**
 * Replaces whole header fields (with their continuation lines) in a built message. The header
 * block is ASCII (every non-ASCII value was encoded), so it is edited as latin1 and the body is
 * left byte for byte as it was.
 */
export function replaceHeaders(raw: Buffer, fields: Record<string, string>): Buffer {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0 || !Object.keys(fields).length) return raw;
  let head = raw.subarray(0, end).toString('latin1');
  for (const [name, value] of Object.entries(fields)) {
    const field = new RegExp(`^${name}:[^\\r\\n]*(?:\\r\\n[ \\t][^\\r\\n]*)*`, 'im');
    if (!field.test(head)) throw new Error(`the built message has no ${name} header to replace`);
    head = head.replace(field, () => `${name}: ${value}`);
  }
  return Buffer.concat([Buffer.from(head, 'latin1'), raw.subarray(end)]);
}
