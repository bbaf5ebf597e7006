import { ApiProperty } from '@nestjs/swagger';
import type { QuestionView } from '@qatys/contracts';
import { QUESTION_STATUSES, QuestionPage } from '@qatys/domain';

export class QuestionAuthorResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class QuestionResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ description: 'plain text exactly as asked (trimmed): render as text, never as HTML' })
  text!: string;
  @ApiProperty() anonymous!: boolean;
  @ApiProperty({ type: QuestionAuthorResponse, nullable: true, description: 'null when anonymous' })
  author!: QuestionAuthorResponse | null;
  @ApiProperty({ nullable: true, type: Number }) regionId!: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) sectionId!: string | null;
  @ApiProperty({ enum: QUESTION_STATUSES }) status!: string;
  @ApiProperty() pinned!: boolean;
  @ApiProperty() upvotes!: number;
  @ApiProperty({ example: '2024-06-20T05:12:00.000Z' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) answeredAt!: string | null;
  @ApiProperty({
    required: false,
    description: 'in lists: whether the reader has upvoted it (so a page knows after a reload)',
  })
  votedByMe?: boolean;

  static of(q: QuestionView): QuestionResponse {
    return { ...q };
  }
}

export class QuestionPageResponse {
  @ApiProperty({ type: [QuestionResponse] }) items!: QuestionResponse[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({
    enum: ['staff', 'attendee'],
    description: 'attendees see approved and answered questions, and their own still pending',
  })
  audience!: string;

  static of(p: QuestionPage): QuestionPageResponse {
    return { ...p, items: p.items.map(QuestionResponse.of) };
  }
}
