/**
 * The REST calls of the people screens: expected lists, invitations, who did not come and
 * certificates. Shapes come from the generated OpenAPI schema, so an API change shows up in tsc.
 */
import { authStore } from '../api/auth-store';
import { ApiError, download, http, qs, refreshSignIn } from '../api/http';
import type { components } from '../api/schema.gen';
import type { Session } from '../api/types';

type S = components['schemas'];
export type ImportSummary = S['ImportSummaryResponse'];
export type ListedPerson = S['ListedPersonResponse'];
export type ExpectedList = S['ExpectedListResponse'];
export type InvitedCount = S['InvitedCountResponse'];
export type InvitationSettings = S['InvitationSettingsResponse'];
export type Absentees = S['AbsenteesResponse'];
export type AbsenteeRegion = S['AbsenteeRegionResponse'];
export type AbsentPerson = S['AbsentPersonResponse'];
export type Certificate = S['CertificateResponse'];
export type Batch = S['BatchResponse'];
export type PersonStatus = ListedPerson['status'];

export const PERSON_STATUSES: readonly PersonStatus[] = [
  'listed',
  'invited',
  'registered',
  'declined',
  'bounced',
];

/** One refused line of an import (400 invalid_people_file `details.errors`); free-form in the document. */
export interface ImportRowError {
  line: number;
  message: string;
  problems?: { code: string; params?: Record<string, string | number> }[];
}

export interface Scope {
  type: 'program' | 'session';
  id: string;
}

const base = (s: Scope) => `/${s.type === 'program' ? 'programs' : 'sessions'}/${encodeURIComponent(s.id)}`;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A spreadsheet goes as bytes, anything else as CSV text (the API reads `,` and `;`). */
export async function importPeople(scope: Scope, file: File): Promise<ImportSummary> {
  const xlsx = /\.xlsx$/i.test(file.name) || file.type === XLSX_TYPE;
  const body = xlsx ? await file.arrayBuffer() : await file.text();
  return http.post<ImportSummary>(`${base(scope)}/expected-people/import`, body, {
    contentType: xlsx ? XLSX_TYPE : 'text/csv',
  });
}

export const listPeople = (scope: Scope, regionId?: number) =>
  http.get<ExpectedList>(`${base(scope)}/expected-people${qs({ regionId })}`);

export const removePerson = (scope: Scope, personId: string) =>
  http.del<void>(`${base(scope)}/expected-people/${encodeURIComponent(personId)}`);

export const sendInvitations = (scope: Scope, regionId?: number) =>
  http.post<InvitedCount>(`${base(scope)}/invitations`, regionId ? { regionId } : {});

export const invitationSettings = (programId: string) =>
  http.get<InvitationSettings>(`/programs/${encodeURIComponent(programId)}/invitation-settings`);

export const saveInvitationSettings = (programId: string, reminderOffsetsMinutes: number[]) =>
  http.put<InvitationSettings>(`/programs/${encodeURIComponent(programId)}/invitation-settings`, {
    reminderOffsetsMinutes,
  });

export const absentees = (scope: Scope) => http.get<Absentees>(`${base(scope)}/absentees`);

export const downloadAbsentees = (scope: Scope, kind: 'invited' | 'registered' | 'all') =>
  download(`${base(scope)}/absentees.csv${qs({ kind })}`, `absentees-${kind}-${scope.id}.csv`);

export const followUp = (
  sessionId: string,
  body: { registered: boolean; invited: boolean; recordingUrl: string | null },
) => http.post<S['FollowUpResponse']>(`/sessions/${encodeURIComponent(sessionId)}/absentees/follow-up`, body);

export const certificates = (programId: string) =>
  http.get<S['CertificateListResponse']>(`/programs/${encodeURIComponent(programId)}/certificates`);

export const issueCertificates = (programId: string) =>
  http.post<Batch>(`/programs/${encodeURIComponent(programId)}/certificates/issue`);

export const batch = (batchId: string) =>
  http.get<Batch>(`/certificate-batches/${encodeURIComponent(batchId)}`);

/**
 * A certificate's PDF, saved as the browser's own download. Binary, so not through `http` (which
 * reads answers as JSON or text): the same bearer token and one refresh on a 401.
 */
export async function downloadCertificatePdf(id: string, filename: string): Promise<void> {
  const get = () =>
    fetch(`/certificates/${encodeURIComponent(id)}/pdf`, {
      headers: { Authorization: `Bearer ${authStore.get()?.accessToken ?? ''}` },
    });
  let res: Response;
  try {
    res = await get();
    if (res.status === 401 && (await refreshSignIn())) res = await get();
  } catch {
    throw new ApiError(0, 'network', 'The server cannot be reached');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
    throw new ApiError(res.status, body.error ?? `http_${res.status}`, body.message ?? res.statusText);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const revokeCertificate = (id: string, reason: string | null) =>
  http.post<Certificate>(`/certificates/${encodeURIComponent(id)}/revoke`, { reason });

export const reissueCertificate = (id: string, reason: string | null) =>
  http.post<Certificate>(`/certificates/${encodeURIComponent(id)}/reissue`, { reason });

/**
 * Reminder offsets typed as hours ("72, 24") into minutes, or null when the text is not up to 5
 * whole numbers of hours from 1 to 1440 (the API's 60..86400 minutes). Empty: no reminders.
 */
export function parseOffsetHours(text: string): number[] | null {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length > 5) return null;
  const hours = parts.map((p) => (/^\d{1,4}$/.test(p) ? Number(p) : NaN));
  if (hours.some((h) => !Number.isInteger(h) || h < 1 || h > 1440)) return null;
  return [...new Set(hours)].sort((a, b) => b - a).map((h) => h * 60);
}

/** Minutes back into the hours an organizer types. */
export const offsetHoursText = (minutes: number[]): string =>
  minutes.map((m) => String(Math.round((m / 60) * 10) / 10)).join(', ');

/** What the tabs know of the program or session they show (the app reads it once). */
export interface ScopeInfo {
  scope: Scope;
  programId: string;
  title: string;
  /** Sessions only: whether it is over (the follow-up needs that). */
  sessionStatus?: Session['status'];
}
