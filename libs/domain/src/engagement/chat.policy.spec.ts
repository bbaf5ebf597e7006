import { audienceReads, chatStep, chatText, initialChatStatus } from './chat.policy';

describe('chatText', () => {
  it('trims, keeps markup as typed and counts 1-500 characters', () => {
    expect(chatText('  <b>сәлем</b>  ')).toBe('<b>сәлем</b>');
    expect(chatText('😀'.repeat(500))).toHaveLength(1000);
    expect(() => chatText('   ')).toThrow(expect.objectContaining({ code: 'text_too_short' }));
    expect(() => chatText('x'.repeat(501))).toThrow(expect.objectContaining({ code: 'text_too_long' }));
    expect(() => chatText('a\u0000b')).toThrow(expect.objectContaining({ code: 'invalid_text' }));
  });
});

describe('chat moderation', () => {
  it('pre-moderates attendees’ messages to everyone only', () => {
    expect(initialChatStatus('all', true, false)).toBe('pending');
    expect(initialChatStatus('all', false, false)).toBe('approved');
    expect(initialChatStatus('all', true, true)).toBe('approved');
    expect(initialChatStatus('staff', true, false)).toBe('approved');
  });

  it('shows the audience approved messages to everyone', () => {
    expect(audienceReads({ to: 'all', status: 'approved' })).toBe(true);
    expect(audienceReads({ to: 'all', status: 'pending' })).toBe(false);
    expect(audienceReads({ to: 'staff', status: 'approved' })).toBe(false);
    expect(audienceReads({ to: 'all', status: 'deleted' })).toBe(false);
  });

  it('approves pending messages and deletes any; a deleted one stays deleted', () => {
    expect(chatStep('pending', 'approve')).toEqual({ status: 'approved', changed: true });
    expect(chatStep('approved', 'approve')).toEqual({ status: 'approved', changed: false });
    expect(chatStep('approved', 'delete')).toEqual({ status: 'deleted', changed: true });
    expect(chatStep('deleted', 'delete').changed).toBe(false);
    expect(() => chatStep('deleted', 'approve')).toThrow(
      expect.objectContaining({ code: 'invalid_transition' }),
    );
  });
});
