import {
  QuestionAskRequest,
  QuestionModerateRequest,
  SessionRefPayload,
  validatePayload,
} from './live.request';

const id = '3f2b6a1e-8c1d-4f7a-9b2e-5d4c3b2a1f00';

describe('validatePayload', () => {
  it('accepts a well-formed payload as an instance', () => {
    const r = validatePayload(QuestionAskRequest, 'question:ask', {
      sessionId: id,
      text: 'Hi there',
      anonymous: true,
    });
    expect(r).toEqual({ ok: true, value: expect.any(QuestionAskRequest) });
  });

  it('refuses non-objects, wrong types and unknown fields, naming them', () => {
    expect(validatePayload(SessionRefPayload, 'session:join', 'x')).toEqual({
      ok: false,
      error: { code: 'invalid_payload', message: 'session:join takes a JSON object' },
    });
    expect(validatePayload(SessionRefPayload, 'session:join', [id])).toMatchObject({ ok: false });
    expect(validatePayload(SessionRefPayload, 'session:join', { sessionId: id, regionId: 5 })).toEqual({
      ok: false,
      error: { code: 'invalid_payload', message: 'session:join: unknown field "regionId"' },
    });
    expect(validatePayload(QuestionAskRequest, 'question:ask', { sessionId: id, text: 5 })).toEqual({
      ok: false,
      error: { code: 'invalid_payload', message: 'question:ask: text must be a string' },
    });
    expect(
      validatePayload(QuestionModerateRequest, 'question:moderate', { questionId: id, action: 'drop' }),
    ).toMatchObject({
      ok: false,
      error: {
        message: expect.stringMatching(/action must be one of approve, dismiss, answered, pin, unpin/),
      },
    });
  });

  it('decides session references the same on the quick path as on the full one', () => {
    expect(validatePayload(SessionRefPayload, 'session:join', { sessionId: id })).toEqual({
      ok: true,
      value: { sessionId: id },
    });
    expect(validatePayload(SessionRefPayload, 'session:join', { sessionId: id.toUpperCase() })).toMatchObject(
      {
        ok: true,
      },
    );
    for (const body of [{}, { sessionId: 'nope' }, { sessionId: 42 }, { sessionId: `${id}0` }]) {
      expect(validatePayload(SessionRefPayload, 'session:join', body)).toEqual({
        ok: false,
        error: { code: 'invalid_payload', message: 'session:join: sessionId must be a UUID' },
      });
    }
  });
});
