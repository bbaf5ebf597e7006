import { JPEG_4x3, PNG_3x2, WEBP_4x3 } from '../../../../test/support/photo-fixtures';
import { inspectPhoto, PHOTO_MAX_BYTES } from './speaker-photo.policy';

describe('inspectPhoto', () => {
  it('knows PNG, JPEG and WebP by their bytes and reads their pixel size', () => {
    expect(inspectPhoto(PNG_3x2)).toEqual({
      ok: true,
      photo: { contentType: 'image/png', width: 3, height: 2 },
    });
    expect(inspectPhoto(JPEG_4x3)).toEqual({
      ok: true,
      photo: { contentType: 'image/jpeg', width: 4, height: 3 },
    });
    expect(inspectPhoto(WEBP_4x3)).toEqual({
      ok: true,
      photo: { contentType: 'image/webp', width: 4, height: 3 },
    });
  });

  it('reads lossy (VP8) and lossless (VP8L) WebP headers', () => {
    const riff = (chunk: string, payload: number[]) => {
      const b = Buffer.alloc(40);
      b.write('RIFF', 0, 'ascii');
      b.write('WEBP', 8, 'ascii');
      b.write(chunk, 12, 'ascii');
      payload.forEach((v, i) => (b[20 + i] = v));
      return b;
    };
    // VP8: frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height (little-endian).
    expect(
      inspectPhoto(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 640 & 0xff, 640 >> 8, 480 & 0xff, 480 >> 8])),
    ).toMatchObject({ ok: true, photo: { width: 640, height: 480 } });
    // VP8L: signature 0x2f, then width-1 and height-1 in 14 bits each.
    const w = 99;
    const h = 49;
    const bits = w | (h << 14);
    expect(
      inspectPhoto(
        riff('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >> 24) & 0xff]),
      ),
    ).toMatchObject({ ok: true, photo: { width: 100, height: 50 } });
  });

  it('refuses anything else whatever its name said: text, GIF, SVG, an empty file', () => {
    for (const bytes of [
      Buffer.from('this is not an image'),
      Buffer.from('GIF89a\x01\x00\x01\x00'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      Buffer.alloc(0),
    ])
      expect(inspectPhoto(bytes)).toMatchObject({ ok: false, code: 'unsupported_image_type' });
  });

  it('refuses a damaged header and a pixel bomb', () => {
    expect(inspectPhoto(PNG_3x2.subarray(0, 20))).toMatchObject({ ok: false, code: 'invalid_image' });
    expect(inspectPhoto(JPEG_4x3.subarray(0, 30))).toMatchObject({ ok: false, code: 'invalid_image' });
    const bomb = Buffer.from(PNG_3x2);
    bomb.writeUInt32BE(50000, 16);
    expect(inspectPhoto(bomb)).toMatchObject({ ok: false, code: 'invalid_image' });
  });

  it('refuses more than 2 MB', () => {
    const big = Buffer.concat([PNG_3x2, Buffer.alloc(PHOTO_MAX_BYTES)]);
    expect(inspectPhoto(big)).toMatchObject({ ok: false, code: 'image_too_large' });
  });
});
