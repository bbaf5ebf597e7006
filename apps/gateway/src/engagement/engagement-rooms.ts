/** The room of one person's sockets in a session (joined at engagement:sync and hand:raise). */
export const personRoom = (sessionId: string, userId: string) => `s:${sessionId}:u:${userId}`;
