import { ApiProperty } from '@nestjs/swagger';
import { POLL_KINDS, POLL_STATUSES, type PollResults, type PollView } from '@qatys/contracts';
import type { BankItem, EngagementSettingsView, SessionPollsReport } from '@qatys/domain';

const TEXT = {
  type: 'object',
  properties: { kk: { type: 'string' }, ru: { type: 'string' }, en: { type: 'string' } },
} as const;

export class BankItemResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty({ enum: POLL_KINDS }) kind!: string;
  @ApiProperty(TEXT) question!: object;
  @ApiProperty({ type: 'array', items: TEXT }) options!: object[];
  @ApiProperty({ nullable: true, type: Number }) maxChoices!: number | null;
  @ApiProperty({ nullable: true, type: Number }) scale!: number | null;
  @ApiProperty() anonymous!: boolean;
  @ApiProperty() changeable!: boolean;
  @ApiProperty() quiz!: boolean;
  @ApiProperty({ nullable: true, type: [Number] }) correct!: number[] | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of(i: BankItem): BankItemResponse {
    const d = i.definition;
    return {
      id: i.id,
      programId: i.programId,
      kind: d.kind,
      question: d.question,
      options: d.options ?? [],
      maxChoices: d.maxChoices ?? null,
      scale: d.scale ?? null,
      anonymous: d.anonymous ?? false,
      changeable: d.changeable ?? false,
      quiz: d.quiz ?? false,
      correct: d.correct ?? null,
      createdAt: i.createdAt.toISOString(),
      updatedAt: i.updatedAt.toISOString(),
    };
  }
}

export class EngagementSettingsResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ description: 'off by default' }) chatEnabled!: boolean;
  @ApiProperty() chatPremoderation!: boolean;

  static of(v: EngagementSettingsView): EngagementSettingsResponse {
    return { ...v };
  }
}

class TallyWords {
  @ApiProperty() text!: string;
  @ApiProperty() count!: number;
}

export class PollTallyResponse {
  @ApiProperty({ description: 'people who answered' }) total!: number;
  @ApiProperty({
    type: [Number],
    description: 'single/multiple: answers per option; rating: answers per value 1..scale',
  })
  counts!: number[];
  @ApiProperty({ nullable: true, type: Number, description: 'rating: the mean, one decimal' }) average!:
    number | null;
  @ApiProperty({ type: [TallyWords], description: 'words: the most given, most first' }) words!: TallyWords[];
  @ApiProperty({ nullable: true, type: Number, description: 'quiz: answers that scored' })
  correctAnswers!: number | null;
}

export class PollRegionTallyResponse extends PollTallyResponse {
  @ApiProperty({ nullable: true, type: Number }) regionId!: number | null;
}

export class PollResultsResponse extends PollTallyResponse {
  @ApiProperty({ enum: POLL_STATUSES }) status!: string;
  @ApiProperty() revealed!: boolean;
  @ApiProperty({ type: [PollRegionTallyResponse] }) regions!: PollRegionTallyResponse[];
}

export class PollResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) bankItemId!: string | null;
  @ApiProperty({ enum: POLL_KINDS }) kind!: string;
  @ApiProperty(TEXT) question!: object;
  @ApiProperty({ type: 'array', items: TEXT }) options!: object[];
  @ApiProperty() anonymous!: boolean;
  @ApiProperty() quiz!: boolean;
  @ApiProperty({ nullable: true, type: [Number] }) correct!: number[] | null;
  @ApiProperty({ enum: POLL_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) openedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ type: PollResultsResponse }) results!: PollResultsResponse;
}

export class SessionPollsResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({
    nullable: true,
    type: [Number],
    description: "a coordinator's regions (tallies count their answers only); null: all",
  })
  regionIds!: number[] | null;
  @ApiProperty({ type: [PollResponse], description: 'polls that were opened, oldest first' })
  polls!: PollResponse[];

  static of(r: SessionPollsReport): SessionPollsResponse {
    const results = (x: PollResults): PollResultsResponse => {
      const { pollId: _p, sessionId: _s, at: _a, ...rest } = x;
      return rest;
    };
    const poll = (p: PollView, res: PollResults): PollResponse => ({
      id: p.id,
      bankItemId: p.bankItemId,
      kind: p.kind,
      question: p.question,
      options: p.options,
      anonymous: p.anonymous,
      quiz: p.quiz,
      correct: p.correct,
      status: p.status,
      openedAt: p.openedAt,
      closedAt: p.closedAt,
      results: results(res),
    });
    return {
      sessionId: r.sessionId,
      regionIds: r.regionIds,
      polls: r.polls.map((x) => poll(x.poll, x.results)),
    };
  }
}
