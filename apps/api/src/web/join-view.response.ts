import { ApiProperty } from '@nestjs/swagger';
import { SessionResponse } from '../catalog/sessions.response';
import { QuestionPageResponse } from '../qa/questions.response';

/** What the attendee page needs before and beside the socket: the session and its visible questions. */
export class JoinViewResponse {
  @ApiProperty({ format: 'uuid' }) registrationId!: string;
  @ApiProperty({ type: SessionResponse }) session!: SessionResponse;
  @ApiProperty({
    type: QuestionPageResponse,
    description:
      'approved and answered questions and the visitor’s own pending ones, with votedByMe; 200 a page',
  })
  questions!: QuestionPageResponse;
}
