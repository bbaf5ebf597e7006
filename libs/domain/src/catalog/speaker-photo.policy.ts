/**
 * What a speaker photo may be, decided from its bytes alone: the client's Content-Type and file
 * name are not trusted (a text file renamed .png says image/png). Only the headers are read —
 * enough to know the format and the pixel size without decoding the image or adding a native
 * dependency; the browser does the decoding.
 */

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** 2 MB: a portrait for a web page, not a print original. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
/** Longest side in pixels: guards the browsers that decode it against "pixel bombs". */
export const PHOTO_MAX_SIDE = 8000;

export interface PhotoFacts {
  contentType: PhotoType;
  width: number;
  height: number;
}

export type PhotoVerdict =
  | { ok: true; photo: PhotoFacts }
  | { ok: false; code: 'unsupported_image_type' | 'invalid_image' | 'image_too_large'; message: string };

/** Sniffs the format by its magic bytes and reads the dimensions from its header. */
export function inspectPhoto(bytes: Uint8Array): PhotoVerdict {
  if (bytes.length > PHOTO_MAX_BYTES)
    return { ok: false, code: 'image_too_large', message: `A photo may be at most ${PHOTO_MAX_BYTES} bytes` };
  const type = sniff(bytes);
  if (!type)
    return {
      ok: false,
      code: 'unsupported_image_type',
      message: 'The photo must be a JPEG, PNG or WebP image',
    };
  const size =
    type === 'image/png' ? pngSize(bytes) : type === 'image/jpeg' ? jpegSize(bytes) : webpSize(bytes);
  if (!size || size.width < 1 || size.height < 1)
    return { ok: false, code: 'invalid_image', message: `The ${type} image is damaged or cut short` };
  if (size.width > PHOTO_MAX_SIDE || size.height > PHOTO_MAX_SIDE)
    return {
      ok: false,
      code: 'invalid_image',
      message: `The photo is ${size.width}x${size.height} pixels; at most ${PHOTO_MAX_SIDE} on each side`,
    };
  return { ok: true, photo: { contentType: type, ...size } };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(b: Uint8Array, sig: number[], at = 0): boolean {
  return b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
}

const ascii = (b: Uint8Array, at: number, len: number): string =>
  String.fromCharCode(...b.subarray(at, at + len));

function sniff(b: Uint8Array): PhotoType | null {
  if (startsWith(b, PNG_SIGNATURE)) return 'image/png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'image/webp';
  return null;
}

const u16be = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1];
const u32be = (b: Uint8Array, at: number) =>
  ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const u16le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u24le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16);

type Size = { width: number; height: number } | null;

/** The first chunk of a PNG is IHDR: width and height, big-endian. */
function pngSize(b: Uint8Array): Size {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

/** Walks the JPEG's segments to its start-of-frame (SOFn), which holds height then width. */
function jpegSize(b: Uint8Array): Size {
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    // Markers without a length: TEM and RSTn; SOI again would be corrupt, EOI means no frame.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9) return null;
    const length = u16be(b, i + 2);
    if (length < 2) return null;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (i + 9 > b.length) return null;
      return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    }
    i += 2 + length;
  }
  return null;
}

/** WebP: lossy (VP8), lossless (VP8L) or extended (VP8X) — each keeps its size differently. */
function webpSize(b: Uint8Array): Size {
  if (b.length < 30) return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ') {
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) return null;
    return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (b[20] !== 0x2f) return null;
    const [b0, b1, b2, b3] = [b[21], b[22], b[23], b[24]];
    return {
      width: 1 + (b0 | ((b1 & 0x3f) << 8)),
      height: 1 + ((b1 >> 6) | (b2 << 2) | ((b3 & 0x0f) << 10)),
    };
  }
  if (chunk === 'VP8X') return { width: 1 + u24le(b, 24), height: 1 + u24le(b, 27) };
  return null;
}
