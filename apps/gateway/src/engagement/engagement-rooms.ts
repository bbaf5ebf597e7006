/** The room of one person's sockets in a session (joined at session:join): hands taken, mutes. */
export const personRoom = (sessionId: string, userId: string) => `s:${sessionId}:u:${userId}`;
