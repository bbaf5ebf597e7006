/**
 * Just enough MIME to read what nodemailer writes: headers (with RFC 2047 encoded words),
 * multipart bodies, quoted-printable and base64 parts.
 */
export interface ParsedMail {
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
  attachments: { filename: string; contentType: string; content: string }[];
}

interface Part {
  headers: Record<string, string>;
  body: string;
}

function splitHeaders(raw: string): Part {
  const idx = raw.search(/\r?\n\r?\n/);
  const head = idx < 0 ? raw : raw.slice(0, idx);
  const body = idx < 0 ? '' : raw.slice(idx).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  const lines = head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  for (const line of lines) {
    const c = line.indexOf(':');
    if (c > 0) headers[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
  }
  return { headers, body };
}

function decodeQp(s: string): Buffer {
  const soft = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQp(text.replace(/_/g, ' ')).toString('utf8'),
    );
}

function decodeBody(p: Part): string {
  const enc = (p.headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (enc === 'base64') return Buffer.from(p.body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') return decodeQp(p.body).toString('utf8');
  return p.body;
}

const param = (header: string | undefined, name: string): string | undefined => {
  const m = new RegExp(`${name}\\*?="?([^";]+)"?`, 'i').exec(header ?? '');
  return m ? decodeWords(m[1]) : undefined;
};

export function parseMail(raw: string): ParsedMail {
  const top = splitHeaders(raw);
  const out: ParsedMail = {
    headers: Object.fromEntries(Object.entries(top.headers).map(([k, v]) => [k, decodeWords(v)])),
    subject: decodeWords(top.headers.subject ?? ''),
    text: '',
    html: '',
    attachments: [],
  };
  const visit = (p: Part) => {
    const type = (p.headers['content-type'] ?? 'text/plain').toLowerCase();
    if (type.startsWith('multipart/')) {
      const boundary = param(p.headers['content-type'], 'boundary');
      if (!boundary) return;
      const chunks = p.body.split(`--${boundary}`).slice(1);
      for (const chunk of chunks) {
        if (chunk.startsWith('--')) break;
        visit(splitHeaders(chunk.replace(/^\r?\n/, '')));
      }
      return;
    }
    const disposition = p.headers['content-disposition'] ?? '';
    const filename = param(disposition, 'filename') ?? param(p.headers['content-type'], 'name');
    const content = decodeBody(p);
    if (/attachment/i.test(disposition) || filename) {
      out.attachments.push({ filename: filename ?? '', contentType: type.split(';')[0], content });
    } else if (type.startsWith('text/html')) out.html += content;
    else if (type.startsWith('text/plain')) out.text += content;
  };
  visit(top);
  return out;
}
