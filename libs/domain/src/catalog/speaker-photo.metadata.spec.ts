import {
  JPEG_4x3,
  jpegWithGps,
  MARKERS,
  PNG_3x2,
  pngWithGps,
  WEBP_4x3,
  webpWithGps,
} from '../../../../test/support/photo-fixtures';
import { exifOrientation, orientationOnlyTiff, stripPhotoMetadata } from './speaker-photo.metadata';
import { inspectPhoto } from './speaker-photo.policy';

const CASES = [
  ['image/jpeg', jpegWithGps, JPEG_4x3],
  ['image/png', pngWithGps, PNG_3x2],
  ['image/webp', webpWithGps, WEBP_4x3],
] as const;

describe('stripPhotoMetadata', () => {
  it.each(CASES)(
    '%s: drops EXIF/GPS, XMP and text, giving back exactly the clean original',
    (type, withGps, clean) => {
      const tagged = withGps(1);
      expect(tagged.includes(MARKERS.make)).toBe(true);
      const out = stripPhotoMetadata(tagged, type);
      // Every metadata block the fixture added is gone; the pixels and the ICC profile are kept.
      expect(out && Buffer.compare(out, clean)).toBe(0);
    },
  );

  it.each(CASES)(
    '%s: keeps a non-default orientation as a minimal EXIF with nothing else',
    (type, withGps) => {
      const out = stripPhotoMetadata(withGps(6), type)!;
      for (const m of Object.values(MARKERS)) expect(out.includes(m)).toBe(false);
      expect(out.includes(orientationOnlyTiff(6))).toBe(true);
      expect(inspectPhoto(out)).toMatchObject({ ok: true, photo: { contentType: type } });
    },
  );

  it('clears the WebP EXIF/XMP flags and fixes the RIFF size', () => {
    const out = stripPhotoMetadata(webpWithGps(1), 'image/webp')!;
    expect(out.readUInt32LE(4)).toBe(out.length - 8);
    expect(out[20] & 0x0c).toBe(0);
    const turned = stripPhotoMetadata(webpWithGps(8), 'image/webp')!;
    expect(turned.readUInt32LE(4)).toBe(turned.length - 8);
    expect(turned[20] & 0x0c).toBe(0x08);
  });

  it('returns null for a container cut short (not stored half-stripped)', () => {
    const jpeg = jpegWithGps(1);
    // Cut inside the metadata, after the frame header is no longer reachable.
    expect(stripPhotoMetadata(jpeg.subarray(0, 300), 'image/jpeg')).toBeNull();
    expect(stripPhotoMetadata(pngWithGps(1).subarray(0, 100), 'image/png')).toBeNull();
    expect(stripPhotoMetadata(webpWithGps(1).subarray(0, 100), 'image/webp')).toBeNull();
  });

  it('reads the orientation from little- and big-endian TIFF and ignores nonsense', () => {
    expect(exifOrientation(orientationOnlyTiff(3))).toBe(3);
    const le = Buffer.from([
      0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0,
    ]);
    expect(exifOrientation(le)).toBe(5);
    expect(exifOrientation(orientationOnlyTiff(42))).toBe(1);
    expect(exifOrientation(Buffer.from('garbage'))).toBe(1);
  });
});
