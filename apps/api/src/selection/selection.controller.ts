import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, RankingService, SelectionRunsService } from '@qatys/domain';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiCsvResponse, ApiErrors, ApiJsonBodyErrors, Bearer, Roles } from '../common/openapi';
import { uuidParam } from '../registrations/uuid.pipe';
import { AuditQuery, OverrideRequest, ReasonRequest } from './applications.request';
import { PreviewRunRequest } from './selection-runs.request';
import {
  AuditEntryResponse,
  AuditPageResponse,
  CommitResponse,
  EnrollmentReportResponse,
  OverrideResponse,
  RankingEntryResponse,
  RankingResponse,
  RunResponse,
} from './selection.response';

const DECIDED = "call_decided: the call's selection is committed";

@ApiTags('selection')
@Bearer()
@Roles('admin', 'organizer')
@ApiErrors(404)
@Controller()
export class SelectionController {
  constructor(
    private readonly rankings: RankingService,
    private readonly runs: SelectionRunsService,
  ) {}

  @Get('calls/:callId/ranking')
  @ApiOperation({
    summary: 'The ranking: weighted mean over reviewers, documented tie-break, incomplete reviews flagged',
    description:
      "Each reviewer's complete review is the weighted mean of the criteria; an application's score is the mean over its " +
      'complete reviews; it is ranked with at least minReviews of them. Ties: higher mean of the tie-break criterion ' +
      '(motivation), then earlier submission, then application id.',
  })
  @ApiOkResponse({ type: RankingResponse })
  @ApiErrors(400)
  async ranking(
    @CurrentActor() actor: Actor,
    @Param('callId', uuidParam('callId')) callId: string,
  ): Promise<RankingResponse> {
    const { call, rows } = await this.rankings.ranking(actor, callId);
    return {
      callId,
      capacity: call.capacity,
      minReviews: call.minReviews,
      tieBreakCriterion: call.rubric.tieBreakCriterion,
      order: `score desc, then ${call.rubric.tieBreakCriterion} mean desc, then earlier submission, then application id`,
      entries: rows.map(RankingEntryResponse.of),
    };
  }

  @Get('calls/:callId/ranking.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'The ranking as CSV (text that a spreadsheet would run as a formula is defused)' })
  @ApiCsvResponse('one line per application, in rank order', 'rank,application_id,applicant,region,...\r\n')
  @ApiErrors(400)
  async rankingCsv(
    @CurrentActor() actor: Actor,
    @Param('callId', uuidParam('callId')) callId: string,
  ): Promise<string> {
    return this.rankings.rankingCsv(actor, callId);
  }

  @Put('applications/:applicationId/override')
  @ApiOperation({
    summary: 'Force an application into (select) or out of (reject) the cohort, with a reason',
  })
  @ApiOkResponse({ type: OverrideResponse })
  @ApiJsonBodyErrors()
  @ApiErrors([409, DECIDED])
  async override(
    @CurrentActor() actor: Actor,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @Body() body: OverrideRequest,
  ): Promise<OverrideResponse> {
    const o = await this.rankings.setOverride(actor, id, body.decision, body.reason);
    return { ...o, createdAt: o.createdAt.toISOString() };
  }

  @Delete('applications/:applicationId/override')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an override (recorded in the audit trail)' })
  @ApiNoContentResponse({ description: 'removed' })
  @ApiErrors(400, [409, DECIDED])
  async clearOverride(
    @CurrentActor() actor: Actor,
    @Param('applicationId', uuidParam('applicationId')) id: string,
    @Query() q: ReasonRequest,
  ): Promise<void> {
    await this.rankings.clearOverride(actor, id, q.reason);
  }

  @Post('calls/:callId/selection-runs')
  @ApiOperation({
    summary:
      'Preview a selection: quotas (nominated seats, min/max per region), then rank; the rest waitlisted',
    description:
      'Stored with the hash of its inputs; nothing is decided until it is committed. 400 quotas_infeasible when the quotas ' +
      'need more seats than the cohort has (nothing stored).',
  })
  @ApiCreatedResponse({ type: RunResponse })
  @ApiErrors([400, 'validation_failed, quotas_infeasible'], 413, [409, DECIDED])
  async preview(
    @CurrentActor() actor: Actor,
    @Param('callId', uuidParam('callId')) callId: string,
    @Body() body: PreviewRunRequest,
  ): Promise<RunResponse> {
    return RunResponse.of(await this.runs.preview(actor, callId, body.quotas as never));
  }

  @Get('selection-runs/:runId')
  @ApiOperation({ summary: 'A selection run' })
  @ApiOkResponse({ type: RunResponse })
  @ApiErrors(400)
  async run(
    @CurrentActor() actor: Actor,
    @Param('runId', uuidParam('runId')) runId: string,
  ): Promise<RunResponse> {
    return RunResponse.of(await this.runs.getRun(actor, runId));
  }

  @Post('selection-runs/:runId/commit')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Commit a previewed run: decisions in one transaction; the selected are enrolled in the program right after, by the worker',
    description:
      '409 selection_already_committed when the call has a committed run (of two concurrent commits exactly one wins), ' +
      '409 run_stale when applications, scores or overrides changed since the preview. The response says where the enrolment ' +
      'stands (usually all pending); GET /selection-runs/:runId/enrollment follows it, POST asks for it again after a failure.',
  })
  @ApiOkResponse({ type: CommitResponse })
  @ApiErrors(400, [409, 'selection_already_committed, run_stale'])
  async commit(
    @CurrentActor() actor: Actor,
    @Param('runId', uuidParam('runId')) runId: string,
  ): Promise<CommitResponse> {
    const r = await this.runs.commit(actor, runId);
    return { run: RunResponse.of(r.run), enrollment: EnrollmentReportResponse.of(r.enrollment) };
  }

  @Get('selection-runs/:runId/enrollment')
  @ApiOperation({ summary: 'Where the enrolment of a committed run stands' })
  @ApiOkResponse({ type: CommitResponse })
  @ApiErrors(400, [409, 'run_not_committed'])
  async enrollmentStatus(
    @CurrentActor() actor: Actor,
    @Param('runId', uuidParam('runId')) runId: string,
  ): Promise<CommitResponse> {
    const r = await this.runs.enrollmentStatus(actor, runId);
    return { run: RunResponse.of(r.run), enrollment: EnrollmentReportResponse.of(r.enrollment) };
  }

  @Post('selection-runs/:runId/enrollment')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ask again for the enrolment of a committed run (idempotent; done by the worker)',
  })
  @ApiOkResponse({ type: CommitResponse })
  @ApiErrors(400, [409, 'run_not_committed'])
  async enrollment(
    @CurrentActor() actor: Actor,
    @Param('runId', uuidParam('runId')) runId: string,
  ): Promise<CommitResponse> {
    const r = await this.runs.completeEnrollment(actor, runId);
    return { run: RunResponse.of(r.run), enrollment: EnrollmentReportResponse.of(r.enrollment) };
  }

  @Get('calls/:callId/audit')
  @ApiOperation({ summary: 'Audit trail of a call: every score, override and decision with who and when' })
  @ApiOkResponse({ type: AuditPageResponse })
  @ApiErrors(400)
  async audit(
    @CurrentActor() actor: Actor,
    @Param('callId', uuidParam('callId')) callId: string,
    @Query() q: AuditQuery,
  ): Promise<AuditPageResponse> {
    const page = await this.rankings.audit(actor, callId, q);
    return { ...page, items: page.items.map(AuditEntryResponse.of) };
  }
}
