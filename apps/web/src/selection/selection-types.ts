/**
 * The selection API's shapes, named from the schema generated from the API's OpenAPI document
 * (api/schema.gen.ts, `npm run web:api-types`): when the API changes, tsc points here.
 */
import type { components } from '../api/schema.gen';

type Schemas = components['schemas'];

export type TimeView = Schemas['TimeView'];

export const FIELD_TYPES = ['text', 'choice', 'number', 'file_link'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type FormField = Schemas['FormFieldResponse'];
export type Criterion = Schemas['CriterionResponse'];
export type Rubric = Schemas['RubricResponse'];
export type Quotas = Schemas['QuotasResponse'];
export type Call = Schemas['CallResponse'];
export type CallState = Call['state'];
export type Application = Schemas['ApplicationResponse'];
export type ApplicationStatus = Application['status'];
export type Reviewer = Schemas['ReviewerResponse'];
export type Scores = Schemas['ScoresResponse'];
export type Override = Schemas['OverrideResponse'];
export type RankingEntry = Schemas['RankingEntryResponse'];
export type Ranking = Schemas['RankingResponse'];
export type Run = Schemas['RunResponse'];
export type CommitResult = Schemas['CommitResponse'];
export type WithdrawResult = Schemas['WithdrawResponse'];
export type UserRow = Schemas['AdminUserResponse'];

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** What the builder sends (POST /programs/:id/calls). */
export type NewCall = Schemas['CreateCallRequest'];
