/** The selection endpoints this screen uses: one function each, through the app's http client. */
import { http, qs } from '../api/http';
import type { components } from '../api/schema.gen';
import type { Program } from '../api/types';
import type {
  Application,
  Call,
  CommitResult,
  NewCall,
  Override,
  PageOf,
  Quotas,
  Ranking,
  Reviewer,
  Run,
  Scores,
  UserRow,
  WithdrawResult,
} from './selection-types';

type Schemas = components['schemas'];

const id = encodeURIComponent;

export const selectionApi = {
  programs: () => http.get<PageOf<Program>>('/programs?pageSize=100'),
  callsOf: (programId: string) => http.get<Call[]>(`/programs/${id(programId)}/calls`),
  call: (callId: string) => http.get<Call>(`/calls/${id(callId)}`),
  createCall: (programId: string, body: NewCall) => http.post<Call>(`/programs/${id(programId)}/calls`, body),
  updateCall: (callId: string, body: Schemas['UpdateCallRequest']) =>
    http.patch<Call>(`/calls/${id(callId)}`, body),
  myReviewCalls: () => http.get<Call[]>('/me/review-calls'),

  reviewers: (callId: string) => http.get<Reviewer[]>(`/calls/${id(callId)}/reviewers`),
  addReviewer: (callId: string, userId: string) =>
    http.post<Reviewer>(`/calls/${id(callId)}/reviewers`, { userId }),
  removeReviewer: (callId: string, userId: string) =>
    http.del<void>(`/calls/${id(callId)}/reviewers/${id(userId)}`),
  findUsers: (search: string) => http.get<PageOf<UserRow>>(`/users${qs({ q: search, pageSize: 10 })}`),

  apply: (callId: string, body: { birthDate: string; answers: Record<string, unknown> }) =>
    http.post<Application>(`/calls/${id(callId)}/applications`, body),
  myApplications: () => http.get<Application[]>('/applications'),
  applications: (callId: string, page = 1) =>
    http.get<PageOf<Application>>(`/calls/${id(callId)}/applications${qs({ page, pageSize: 500 })}`),
  application: (applicationId: string) => http.get<Application>(`/applications/${id(applicationId)}`),
  decline: (applicationId: string, reason?: string) =>
    http.post<WithdrawResult>(`/applications/${id(applicationId)}/decline`, reason ? { reason } : {}),
  withdraw: (applicationId: string, reason?: string) =>
    http.post<WithdrawResult>(`/applications/${id(applicationId)}/withdraw`, reason ? { reason } : {}),

  nominate: (applicationId: string, nominatedBy: string) =>
    http.put<Application>(`/applications/${id(applicationId)}/nomination`, { nominatedBy }),
  unnominate: (applicationId: string) =>
    http.del<Application>(`/applications/${id(applicationId)}/nomination`),
  declareConflict: (applicationId: string, reason: string) =>
    http.post<unknown>(`/applications/${id(applicationId)}/conflict`, { reason }),
  interview: (
    applicationId: string,
    body: { start: string; timeZone: string; durationMinutes: number; joinUrl: string },
  ) => http.post<Application>(`/applications/${id(applicationId)}/interview`, body),
  scores: (applicationId: string) => http.get<Scores>(`/applications/${id(applicationId)}/scores`),
  score: (applicationId: string, scores: { criterion: string; value: number; comment?: string }[]) =>
    http.post<Scores>(`/applications/${id(applicationId)}/scores`, { scores }),

  ranking: (callId: string) => http.get<Ranking>(`/calls/${id(callId)}/ranking`),
  override: (applicationId: string, decision: 'select' | 'reject', reason: string) =>
    http.put<Override>(`/applications/${id(applicationId)}/override`, { decision, reason }),
  clearOverride: (applicationId: string, reason?: string) =>
    http.del<void>(`/applications/${id(applicationId)}/override${qs({ reason })}`),
  audit: (callId: string) =>
    http.get<PageOf<Schemas['AuditEntryResponse']>>(`/calls/${id(callId)}/audit${qs({ pageSize: 1000 })}`),
  preview: (callId: string, quotas: Partial<Quotas>) =>
    http.post<Run>(`/calls/${id(callId)}/selection-runs`, { quotas }),
  commit: (runId: string) => http.post<CommitResult>(`/selection-runs/${id(runId)}/commit`),
};
