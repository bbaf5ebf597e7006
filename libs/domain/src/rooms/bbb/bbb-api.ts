import { createHash } from 'node:crypto';

/** Checksum algorithms BigBlueButton accepts (`supportedChecksumAlgorithms`); SHA-1 is the default. */
export const BBB_CHECKSUMS = ['sha1', 'sha256', 'sha384', 'sha512'] as const;
export type BbbChecksumAlgorithm = (typeof BBB_CHECKSUMS)[number];

/**
 * The API checksum of the docs' security model: hash of the call name, the query string exactly
 * as sent (without `checksum`) and the shared secret.
 */
export function bbbChecksum(
  call: string,
  query: string,
  secret: string,
  algorithm: BbbChecksumAlgorithm = 'sha1',
): string {
  return createHash(algorithm).update(`${call}${query}${secret}`).digest('hex');
}

/** Parameters in order, encoded as a form (space as `+`), which is what the server hashes back. */
export function bbbQuery(
  params: readonly (readonly [string, string | number | boolean | null | undefined])[],
): string {
  const q = new URLSearchParams();
  for (const [k, v] of params) if (v !== null && v !== undefined && v !== '') q.append(k, String(v));
  return q.toString();
}

/** `<base>/api/<call>?<query>&checksum=<sum>`; `base` is the server's `.../bigbluebutton/` URL. */
export function bbbUrl(
  base: string,
  call: string,
  query: string,
  secret: string,
  algorithm: BbbChecksumAlgorithm = 'sha1',
): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  const sum = bbbChecksum(call, query, secret, algorithm);
  return `${root}api/${call}?${query ? `${query}&` : ''}checksum=${sum}`;
}

export interface BbbResponse {
  ok: boolean;
  messageKey: string | null;
  message: string | null;
  /** Every simple child element of <response> by name (first occurrence). */
  fields: Record<string, string>;
  attendees: BbbAttendee[];
}

export interface BbbAttendee {
  userID: string;
  fullName: string;
  role: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function text(raw: string): string {
  const cdata = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/.exec(raw);
  if (cdata) return cdata[1];
  return raw
    .trim()
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(
            e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10),
          )
        : (ENTITIES[e] ?? m),
    );
}

/** Leaf elements (no child elements) directly or deeper under `xml`, first occurrence wins. */
function leaves(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /<([A-Za-z_][\w.-]*)(?:\s[^>]*)?>((?:(?!<\1[\s>])(?!<[A-Za-z_])[\s\S])*?)<\/\1>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) if (!(m[1] in out)) out[m[1]] = text(m[2]);
  return out;
}

/**
 * Reads the XML answer of an API call. The answers are small and flat (returncode, message,
 * meeting fields, a list of attendees), so a few expressions do; anything without a
 * `<returncode>` is not an API answer.
 */
export function parseBbbResponse(xml: string): BbbResponse {
  const body = /<response>([\s\S]*)<\/response>/.exec(xml)?.[1];
  if (body === undefined) throw new Error('not a BigBlueButton API response');
  const attendeesXml = /<attendees>([\s\S]*?)<\/attendees>/.exec(body)?.[1] ?? '';
  const withoutNested = body
    .replace(/<attendees>[\s\S]*?<\/attendees>/, '')
    .replace(/<metadata>[\s\S]*?<\/metadata>/, '');
  const fields = leaves(withoutNested);
  if (!fields.returncode) throw new Error('BigBlueButton response without returncode');
  const attendees = [...attendeesXml.matchAll(/<attendee>([\s\S]*?)<\/attendee>/g)].map((m) => {
    const a = leaves(m[1]);
    return { userID: a.userID ?? '', fullName: a.fullName ?? '', role: a.role ?? '' };
  });
  return {
    ok: fields.returncode.toUpperCase() === 'SUCCESS',
    messageKey: fields.messageKey ?? null,
    message: fields.message ?? null,
    fields,
    attendees,
  };
}
