/** What a person may do on the platform; several per person. */
export const ROLES = ['admin', 'organizer', 'coordinator', 'speaker', 'moderator', 'attendee'] as const;
export type Role = (typeof ROLES)[number];
