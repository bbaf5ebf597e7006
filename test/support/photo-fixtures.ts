import { crc32 } from 'node:zlib';

/** Tiny real images (made by Chromium's canvas), for tests of photo uploads. */
export const PNG_3x2 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGP4z8AAQQxwFgBB0gX7h/C5SAAAAABJRU5ErkJggg==',
  'base64',
);
export const JPEG_4x3 = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAADAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQf/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCWAAqu/9k=',
  'base64',
);
export const WEBP_4x3 = Buffer.from(
  'UklGRhwCAABXRUJQVlA4WAoAAAAgAAAAAwAAAgAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggLgAAAJABAJ0BKgQAAwABQCYloAJ0ugADmAD+7v+f/AXT3Ri3/7g4/7Bx/2Dj90wAAAA=',
  'base64',
);

/**
 * Camera metadata for the tests of its removal, built byte by byte: a big-endian TIFF block as a
 * phone writes into EXIF, with a camera make and serial, an orientation and a GPS position
 * (Almaty). MARKERS are strings that must not survive in a served photo.
 */
export const MARKERS = { make: 'QatysCam-SN4242', xmp: 'x:xmpmeta', gpsText: 'GPSLatitude' } as const;

export function gpsExifTiff(orientation: number): Buffer {
  const t = Buffer.alloc(168);
  t.write('MM', 0, 'latin1');
  t.writeUInt16BE(42, 2);
  t.writeUInt32BE(8, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: (v: number) => void) => {
    t.writeUInt16BE(tag, at);
    t.writeUInt16BE(type, at + 2);
    t.writeUInt32BE(count, at + 4);
    value(at + 8);
  };
  // IFD0 at 8: Make (ASCII, at 50), Orientation (SHORT), GPS IFD pointer (LONG, to 66).
  t.writeUInt16BE(3, 8);
  entry(10, 0x010f, 2, 16, (v) => t.writeUInt32BE(50, v));
  entry(22, 0x0112, 3, 1, (v) => t.writeUInt16BE(orientation, v));
  entry(34, 0x8825, 4, 1, (v) => t.writeUInt32BE(66, v));
  t.writeUInt32BE(0, 46);
  t.write(`${MARKERS.make}\0`, 50, 'latin1');
  // GPS IFD at 66: N 43°14', E 76°53' (rationals at 120 and 144).
  t.writeUInt16BE(4, 66);
  entry(68, 0x0001, 2, 2, (v) => t.write('N\0', v, 'latin1'));
  entry(80, 0x0002, 5, 3, (v) => t.writeUInt32BE(120, v));
  entry(92, 0x0003, 2, 2, (v) => t.write('E\0', v, 'latin1'));
  entry(104, 0x0004, 5, 3, (v) => t.writeUInt32BE(144, v));
  t.writeUInt32BE(0, 116);
  [43, 1, 14, 1, 0, 1, 76, 1, 53, 1, 0, 1].forEach((n, k) => t.writeUInt32BE(n, 120 + k * 4));
  return t;
}

const XMP_PACKET =
  `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
  `<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:${MARKERS.gpsText}="43,14N" ` +
  `exif:GPSLongitude="76,53E"/></rdf:RDF></${MARKERS.xmp}>`;

function jpegSegment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/** JPEG_4x3 with EXIF (GPS), XMP and a comment inserted after its JFIF segment. */
export function jpegWithGps(orientation: number): Buffer {
  const afterApp0 = 4 + JPEG_4x3.readUInt16BE(4);
  return Buffer.concat([
    JPEG_4x3.subarray(0, afterApp0),
    jpegSegment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), gpsExifTiff(orientation)])),
    jpegSegment(0xe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0${XMP_PACKET}`, 'latin1')),
    jpegSegment(0xfe, Buffer.from(`${MARKERS.make} at 43.2389N 76.8897E`, 'latin1')),
    JPEG_4x3.subarray(afterApp0),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** PNG_3x2 with tEXt, iTXt (XMP) and eXIf (GPS) chunks after its IHDR. */
export function pngWithGps(orientation: number): Buffer {
  const afterIhdr = 8 + 12 + 13;
  return Buffer.concat([
    PNG_3x2.subarray(0, afterIhdr),
    pngChunk('tEXt', Buffer.from(`Comment\0${MARKERS.make} 43.2389N 76.8897E`, 'latin1')),
    pngChunk('iTXt', Buffer.from(`XML:com.adobe.xmp\0\0\0\0\0${XMP_PACKET}`, 'latin1')),
    pngChunk('eXIf', gpsExifTiff(orientation)),
    PNG_3x2.subarray(afterIhdr),
  ]);
}

function riffChunk(fourcc: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(fourcc, 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data, Buffer.alloc(data.length & 1)]);
}

/** WEBP_4x3 (extended: VP8X + ICCP + VP8) with EXIF (GPS) and XMP chunks and their VP8X flags. */
export function webpWithGps(orientation: number): Buffer {
  const body = Buffer.concat([
    WEBP_4x3.subarray(12),
    riffChunk('EXIF', gpsExifTiff(orientation)),
    riffChunk('XMP ', Buffer.from(XMP_PACKET, 'latin1')),
  ]);
  body[8] |= 0x08 | 0x04; // VP8X flags byte: EXIF and XMP present
  const header = Buffer.from(WEBP_4x3.subarray(0, 12));
  header.writeUInt32LE(body.length + 4, 4);
  return Buffer.concat([header, body]);
}
