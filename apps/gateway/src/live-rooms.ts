const audienceRooms = new Map<string, string>();

/** Room names of a session. Staff sockets are in the audience room too; emits use except() to avoid doubles. */
export const rooms = {
  /**
   * Everyone who joined: approved questions. One string per session, shared by all its sockets'
   * room sets (the adapter keeps a room name per socket).
   */
  audience: (sessionId: string) => {
    let name = audienceRooms.get(sessionId);
    if (name === undefined) {
      if (audienceRooms.size >= 10_000) audienceRooms.clear();
      audienceRooms.set(sessionId, (name = `s:${sessionId}:aud`));
    }
    return name;
  },
  /** The session of an audience room's name (the inverse of `audience`), or null for any other room. */
  sessionOfAudience: (room: string): string | null =>
    room.length === 42 && room.startsWith('s:') && room.endsWith(':aud') ? room.slice(2, 38) : null,
  /** Staff of every kind: every question event, pending ones included. */
  staff: (sessionId: string) => `s:${sessionId}:staff`,
  /** attendance:update for one staff scope ('all' or a coordinator's regions). */
  attendance: (sessionId: string, scopeKey: string) => `s:${sessionId}:att:${scopeKey}`,
};
