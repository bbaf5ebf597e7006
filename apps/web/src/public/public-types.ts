/**
 * The shapes the public and account pages read, named after the API's own schemas in
 * api/schema.gen.ts (generated from the OpenAPI document): when an endpoint changes, tsc points
 * at these pages instead of a hand-written copy drifting.
 */
import type { components } from '../api/schema.gen';

type S = components['schemas'];

export type TimeView = S['TimeView'];
export type RegionRef = S['RegionRefResponse'];
export type RegionItem = S['RegionResponse'];
export type PublicProgram = S['PublicProgramResponse'];
export type PublicSessionSummary = S['PublicSessionSummaryResponse'];
export type PublicSession = S['PublicSessionResponse'];
/** GET /me/registrations items. */
export type MyRegistrationItem = S['MyRegistrationResponse'];
/** POST /sessions/:id/registrations. */
export type RegistrationResult = S['RegistrationResponse'];
export type NotificationSettings = S['NotificationSettingsResponse'];

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
