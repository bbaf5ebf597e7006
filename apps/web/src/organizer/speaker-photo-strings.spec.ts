import { PHOTO_STRINGS, photoError, photoText } from './speaker-photo-strings';

describe('speaker photo strings', () => {
  it('has every key in kk, ru and en, none empty', () => {
    const keys = Object.keys(PHOTO_STRINGS.en).sort();
    for (const lang of ['kk', 'ru'] as const) {
      expect(Object.keys(PHOTO_STRINGS[lang]).sort()).toEqual(keys);
      for (const k of keys)
        expect(PHOTO_STRINGS[lang][k as keyof typeof PHOTO_STRINGS.en].trim()).not.toBe('');
    }
  });

  it.each(['kk', 'ru'] as const)('lets no English into %s but the format names', (lang) => {
    const latin = Object.values(PHOTO_STRINGS[lang]).flatMap((s) =>
      (s.replace(/\{\w+\}/g, '').match(/[A-Za-z]+/g) ?? []).filter(
        (w) => !['JPEG', 'PNG', 'WebP'].includes(w),
      ),
    );
    expect(latin).toEqual([]);
  });

  it('translates the API codes of an upload and fills the name', () => {
    expect(photoError('ru', 'payload_too_large')).toMatch(/2 МБ/);
    expect(photoError('kk', 'unsupported_image_type')).toMatch(/JPEG/);
    expect(photoError('en', 'no_such_code')).toBeUndefined();
    expect(photoText('en', 'photo.confirmTitle', { name: 'Aigerim' })).toBe('Remove the photo of Aigerim?');
  });
});
