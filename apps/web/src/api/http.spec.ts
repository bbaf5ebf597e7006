import { ApiError, qs } from './http';

describe('ApiError.fieldErrors', () => {
  it('puts validation messages under the field they name', () => {
    const e = new ApiError(400, 'validation_failed', 'x', {
      errors: [
        'title.kk must not be blank',
        'capacity must not be greater than 2147483647',
        'capacity must be an integer',
      ],
    });
    expect(e.fieldErrors()).toEqual({
      title: ['title.kk must not be blank'],
      capacity: ['capacity must not be greater than 2147483647', 'capacity must be an integer'],
    });
  });

  it('reads a domain 400 that names its field in the message', () => {
    const e = new ApiError(400, 'join_url_required', 'joinUrl is required for an online session');
    expect(e.fieldErrors()).toEqual({ joinUrl: ['joinUrl is required for an online session'] });
  });

  it('has no field errors for other statuses; network failures are status 0', () => {
    expect(new ApiError(409, 'conflict', 'capacity below seats').fieldErrors()).toEqual({});
    expect(new ApiError(0, 'network', 'down').isNetwork).toBe(true);
  });
});

describe('qs', () => {
  it('keeps defined values only', () => {
    expect(qs({ status: '', page: 2, region: undefined, x: null, ok: true })).toBe('?page=2&ok=true');
    expect(qs({})).toBe('');
  });
});
