import type { Verification } from '@qatys/domain';

type Lang = 'kk' | 'ru' | 'en';

const T: Record<Lang, Record<string, string>> = {
  kk: {
    title: 'Сертификатты тексеру',
    valid: 'Сертификат жарамды.',
    revoked: 'Сертификат кері қайтарылды: ол енді жарамсыз.',
    unknown: 'Мұндай сертификат табылмады.',
    number: 'Нөмірі',
    holder: 'Иесі',
    program: 'Бағдарлама',
    completed: 'Аяқталған күні',
    issued: 'Берілген күні',
    revokedOn: 'Кері қайтарылған күні',
  },
  ru: {
    title: 'Проверка сертификата',
    valid: 'Сертификат действителен.',
    revoked: 'Сертификат отозван и больше не действителен.',
    unknown: 'Такой сертификат не найден.',
    number: 'Номер',
    holder: 'Владелец',
    program: 'Программа',
    completed: 'Дата завершения',
    issued: 'Дата выдачи',
    revokedOn: 'Дата отзыва',
  },
  en: {
    title: 'Certificate verification',
    valid: 'The certificate is valid.',
    revoked: 'The certificate has been revoked and is no longer valid.',
    unknown: 'No such certificate.',
    number: 'Number',
    holder: 'Holder',
    program: 'Programme',
    completed: 'Completed on',
    issued: 'Issued on',
    revokedOn: 'Revoked on',
  },
};

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The reader's language: `?lang=`, else the first of Accept-Language we speak, else Russian. */
export function pageLanguage(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query === 'kk' || query === 'ru' || query === 'en') return query;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'kk' || tag === 'ru' || tag === 'en') return tag;
  }
  return 'ru';
}

/** A plain HTML page (no script, no style: the JSON routes' CSP applies) saying what the certificate shows. */
export function verifyPage(v: Verification, lang: Lang): string {
  const t = T[lang];
  const rows =
    v.status === 'unknown'
      ? ''
      : [
          [t.number, v.number],
          [t.holder, v.holder],
          [t.program, v.program],
          [t.completed, v.completedOn],
          [t.issued, v.issuedOn],
          [t.revokedOn, v.revokedOn],
        ]
          .filter(([, value]) => value)
          .map(([k, value]) => `<tr><th>${esc(k!)}</th><td>${esc(value!)}</td></tr>`)
          .join('');
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="robots" content="noindex">` +
    `<title>${esc(t.title)}</title></head><body><h1>${esc(t.title)}</h1>` +
    `<p id="status" data-status="${v.status}">${esc(t[v.status])}</p>` +
    (rows ? `<table>${rows}</table>` : '') +
    `</body></html>`
  );
}
