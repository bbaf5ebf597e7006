/**
 * Certificates' numbers, verification codes and what the public verification page may show:
 * pure (randomness is passed in).
 */
export type CertificateStatus = 'pending' | 'issued' | 'revoked';

/** `QTS-2024-000123`: the year it was issued and a sequence number. */
export function certificateNumber(year: number, seq: number): string {
  return `QTS-${year}-${String(seq).padStart(6, '0')}`;
}

// Crockford base32 without I, L, O, U: nothing a reader confuses when typing a code from paper.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const VERIFY_CODE_LENGTH = 16;

/** 16 symbols of 5 random bits each (80 bits): codes cannot be guessed or enumerated. */
export function verifyCodeFrom(random: Uint8Array): string {
  if (random.length < VERIFY_CODE_LENGTH) throw new Error('need 16 random bytes');
  let code = '';
  for (let i = 0; i < VERIFY_CODE_LENGTH; i++) code += ALPHABET[random[i] & 31];
  return code;
}

/** A code's shape, before any lookup (lower case and look-alikes as a person may type them). */
export function normalizeVerifyCode(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > 40) return null;
  const code = raw.trim().toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
  return code.length === VERIFY_CODE_LENGTH && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}

/** The holder's name as the public page shows it: in full only with their consent, else initials. */
export function publicHolderName(fullName: string, consent: boolean): string {
  if (consent) return fullName;
  return fullName
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${[...w][0].toUpperCase()}.`)
    .join(' ');
}

export interface VerifiableCertificate {
  number: string;
  status: CertificateStatus;
  holderName: string;
  publicName: boolean;
  programTitle: string;
  completedAt: Date;
  issuedAt: Date | null;
  revokedAt: Date | null;
}

export type Verification =
  | { status: 'unknown' }
  | {
      status: 'valid' | 'revoked';
      number: string;
      holder: string;
      program: string;
      completedOn: string;
      issuedOn: string | null;
      revokedOn: string | null;
    };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * What `/verify/<code>` answers: valid, revoked, or unknown — a pending certificate is unknown
 * (it does not exist for the outside yet). Never more than the certificate itself shows, and the
 * name only as its holder agreed.
 */
export function verificationOf(c: VerifiableCertificate | null): Verification {
  if (!c || c.status === 'pending') return { status: 'unknown' };
  return {
    status: c.status === 'revoked' ? 'revoked' : 'valid',
    number: c.number,
    holder: publicHolderName(c.holderName, c.publicName),
    program: c.programTitle,
    completedOn: day(c.completedAt)!,
    issuedOn: day(c.issuedAt),
    revokedOn: day(c.revokedAt),
  };
}
