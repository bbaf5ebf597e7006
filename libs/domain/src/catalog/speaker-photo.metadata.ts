import { crc32 } from 'node:zlib';
import type { PhotoType } from './speaker-photo.policy';

/**
 * Removes the metadata a camera or phone writes into a photo (EXIF with GPS position, camera
 * serial and time; XMP; IPTC; text comments) before the photo is stored and served to anybody.
 * Works on the container only — the compressed pixels are copied untouched, so there is no
 * re-encoding, no quality loss and no native image library.
 *
 * Kept on purpose: what changes how the picture looks. The ICC colour profile (JPEG APP2,
 * PNG iCCP, WebP ICCP) holds colours, not places or people. The EXIF orientation is the one EXIF
 * field browsers obey (a phone stores portraits sideways and says "rotate 90°"); dropping it would
 * show those photos on their side, so when it is not the default a minimal EXIF block with only
 * that field is written back in place of the original.
 *
 * Expects bytes that inspectPhoto already accepted; a container it cannot walk to the end is
 * returned as null (the caller refuses it as a damaged image rather than storing it unstripped).
 */
export function stripPhotoMetadata(bytes: Uint8Array, type: PhotoType): Buffer | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === 'image/jpeg') return stripJpeg(b);
  if (type === 'image/png') return stripPng(b);
  return stripWebp(b);
}

// ---------- EXIF (TIFF) orientation ----------

/** Reads tag 0x0112 (Orientation) from IFD0 of a TIFF block; 1 (as stored) when absent or odd. */
export function exifOrientation(tiff: Buffer): number {
  if (tiff.length < 8) return 1;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return 1;
  const le = order === 'II';
  const u16 = (at: number) => (le ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (le ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return 1;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return 1;
  const count = u16(ifd);
  for (let k = 0; k < count; k++) {
    const at = ifd + 2 + k * 12;
    if (at + 12 > tiff.length) return 1;
    // Orientation is a SHORT (type 3), count 1, stored in the first 2 bytes of the value field.
    if (u16(at) === 0x0112 && u16(at + 2) === 3) {
      const v = u16(at + 8);
      return v >= 1 && v <= 8 ? v : 1;
    }
  }
  return 1;
}

/** A TIFF block with a single IFD0 entry, Orientation = value (big-endian, 26 bytes). */
export function orientationOnlyTiff(value: number): Buffer {
  const t = Buffer.alloc(26);
  t.write('MM', 0, 'latin1');
  t.writeUInt16BE(42, 2);
  t.writeUInt32BE(8, 4); // IFD0 right after the header
  t.writeUInt16BE(1, 8); // one entry
  t.writeUInt16BE(0x0112, 10);
  t.writeUInt16BE(3, 12); // SHORT
  t.writeUInt32BE(1, 14);
  t.writeUInt16BE(value, 18);
  t.writeUInt32BE(0, 22); // no next IFD
  return t;
}

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');

/** Some writers put the JPEG-style "Exif\0\0" before the TIFF block in PNG/WebP too. */
function tiffOf(payload: Buffer): Buffer {
  return payload.subarray(0, 6).equals(EXIF_HEADER) ? payload.subarray(6) : payload;
}

// ---------- JPEG ----------

/**
 * Segments kept before the image data: APP0 (JFIF: pixel aspect), APP2 only when it is an ICC
 * profile, APP14 (Adobe: tells whether the components are RGB or YCbCr — needed to decode), and
 * every non-APP marker (tables, frame, scan). Dropped: APP1 (EXIF and XMP), APP13 (Photoshop and
 * IPTC), the other APPn, and COM (free-text comments).
 */
function stripJpeg(b: Buffer): Buffer | null {
  const out: Buffer[] = [b.subarray(0, 2)]; // SOI
  let orientation = 1;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      out.push(b.subarray(i, i + 2));
      i += 2;
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9) return null;
    const length = b.readUInt16BE(i + 2);
    const end = i + 2 + length;
    if (length < 2 || end > b.length) return null;
    if (marker === 0xda) {
      // Start of scan: entropy-coded data (and any further scans of a progressive JPEG) follow
      // up to EOI; metadata segments are not expected after it and the rest is copied as is.
      const exif = orientation === 1 ? [] : [jpegExifSegment(orientation)];
      // The minimal EXIF goes right after SOI (and JFIF when present), where readers look first.
      const head = out[1] && out[1][1] === 0xe0 ? 2 : 1;
      out.splice(head, 0, ...exif);
      out.push(b.subarray(i));
      return Buffer.concat(out);
    }
    const body = b.subarray(i + 4, end);
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (marker === 0xe1 && body.subarray(0, 6).equals(EXIF_HEADER) && orientation === 1)
      orientation = exifOrientation(body.subarray(6));
    const keep =
      (!isApp && marker !== 0xfe) ||
      marker === 0xe0 ||
      marker === 0xee ||
      (marker === 0xe2 && body.toString('latin1', 0, 12) === 'ICC_PROFILE\0');
    if (keep) out.push(b.subarray(i, end));
    i = end;
  }
  return null;
}

function jpegExifSegment(orientation: number): Buffer {
  const payload = Buffer.concat([EXIF_HEADER, orientationOnlyTiff(orientation)]);
  const head = Buffer.from([0xff, 0xe1, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

// ---------- PNG ----------

/** Text chunks (any key: "GPS", "Comment", "XML:com.adobe.xmp"...), eXIf, and tIME are dropped. */
const PNG_DROPPED = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

function stripPng(b: Buffer): Buffer | null {
  const out: Buffer[] = [b.subarray(0, 8)];
  let i = 8;
  while (i + 12 <= b.length) {
    const length = b.readUInt32BE(i);
    const type = b.toString('latin1', i + 4, i + 8);
    const end = i + 12 + length;
    if (end > b.length) return null;
    if (type === 'eXIf') {
      const orientation = exifOrientation(tiffOf(b.subarray(i + 8, i + 8 + length)));
      if (orientation !== 1) out.push(pngChunk('eXIf', orientationOnlyTiff(orientation)));
    } else if (!PNG_DROPPED.has(type)) out.push(b.subarray(i, end));
    i = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
  return null;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

// ---------- WebP ----------

const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;

/**
 * Drops the EXIF and "XMP " chunks, clears their flags in VP8X (a reader may reject a flag
 * without its chunk), and rewrites the RIFF size. A simple (non-VP8X) WebP cannot hold metadata
 * and comes back as it was.
 */
function stripWebp(b: Buffer): Buffer | null {
  const chunks: Buffer[] = [];
  let vp8x: Buffer | null = null;
  let orientation = 1;
  const riffEnd = Math.min(b.length, 8 + b.readUInt32LE(4));
  let i = 12;
  while (i + 8 <= riffEnd) {
    const fourcc = b.toString('latin1', i, i + 4);
    const size = b.readUInt32LE(i + 4);
    const end = i + 8 + size + (size & 1); // chunks are padded to an even size
    if (i + 8 + size > riffEnd) return null;
    if (fourcc === 'EXIF') orientation = exifOrientation(tiffOf(b.subarray(i + 8, i + 8 + size)));
    else if (fourcc !== 'XMP ') {
      const chunk = Buffer.from(b.subarray(i, Math.min(end, riffEnd)));
      if (fourcc === 'VP8X') vp8x = chunk;
      chunks.push(chunk);
    }
    i = end;
  }
  if (vp8x) {
    vp8x[8] &= ~(VP8X_EXIF | VP8X_XMP) & 0xff;
    if (orientation !== 1) {
      // The spec puts EXIF after the image data; its flag says it is there.
      vp8x[8] |= VP8X_EXIF;
      const tiff = orientationOnlyTiff(orientation);
      const head = Buffer.alloc(8);
      head.write('EXIF', 0, 'latin1');
      head.writeUInt32LE(tiff.length, 4);
      chunks.push(head, tiff); // 26 bytes: already even
    }
  }
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}
