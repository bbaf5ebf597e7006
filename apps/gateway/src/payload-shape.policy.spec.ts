import { inspectPayload, label, PAYLOAD_LIMITS } from './payload-shape.policy';

const nested = (depth: number, leaf: unknown = 'x'): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

describe('inspectPayload', () => {
  it('lets plain payloads of every event through', () => {
    for (const body of [
      undefined,
      {},
      { sessionId: '5f0e8a52-3f5e-4a4e-9f3e-0a6f2c1d9b10' },
      { sessionId: 'x', text: 'Қалай? 😀 <b>bold</b>\r\n\t', anonymous: true },
      { questionId: 'x', up: false },
      'a string',
      42,
      null,
      [1, 'two', { three: [3] }],
    ]) {
      expect(inspectPayload('e', body)).toBeNull();
    }
  });

  it('refuses nesting deeper than the limit, however deep, without recursing', () => {
    expect(inspectPayload('e', { a: nested(PAYLOAD_LIMITS.maxDepth - 2) })).toBeNull();
    for (const depth of [PAYLOAD_LIMITS.maxDepth, 1_600, 100_000]) {
      expect(inspectPayload('question:ask', { text: nested(depth) })).toEqual({
        code: 'invalid_payload',
        message: 'question:ask: the payload is nested too deep',
      });
    }
  });

  it('refuses payloads holding too many values', () => {
    expect(inspectPayload('e', { a: Array.from({ length: 900 }, () => 1) })).toBeNull();
    expect(inspectPayload('e', { a: Array.from({ length: 5_000 }, () => 1) })).toEqual({
      code: 'invalid_payload',
      message: 'e: the payload holds too many values',
    });
  });

  it('refuses NUL and unpaired surrogates anywhere, naming the top-level field', () => {
    const bad = ['\u0000', 'a\u0000b', '\ud800', 'x\udc00', '\udc00\ud800', 'end \ud83d'];
    for (const s of bad) {
      expect(inspectPayload('question:ask', { text: s })).toEqual({
        code: 'invalid_text',
        message: 'question:ask: text holds a NUL character or an unpaired surrogate',
      });
      expect(inspectPayload('e', { deep: [{ deeper: [s] }] })?.message).toBe(
        'e: deep holds a NUL character or an unpaired surrogate',
      );
      expect(inspectPayload('e', s)?.message).toBe(
        'e: the payload holds a NUL character or an unpaired surrogate',
      );
      expect(inspectPayload('e', { [s]: 1 })?.message).toBe(
        'e: a field name holds a NUL character or an unpaired surrogate',
      );
    }
    expect(inspectPayload('e', { text: '\ud83d\ude00 paired is fine' })).toBeNull();
  });

  it('refuses field names that reach a prototype, and binary data', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      expect(inspectPayload('e', JSON.parse(`{"${key}": {"x": 1}}`))).toEqual({
        code: 'invalid_payload',
        message: `e: unknown field "${key}"`,
      });
    }
    expect(inspectPayload('e', { data: Buffer.from('x') })).toEqual({
      code: 'invalid_payload',
      message: 'e: binary data is not accepted',
    });
  });
});

describe('label', () => {
  it('keeps client-chosen names short and printable', () => {
    expect(label('session:join')).toBe('session:join');
    expect(label(42)).toBe('42');
    expect(label('a\u0000b\ud800c\n')).toBe('a?b?c?');
    expect(label('y'.repeat(500))).toBe(`${'y'.repeat(48)}…`);
  });
});
