import { ApiProperty } from '@nestjs/swagger';
import { VIDEO_PROVIDERS, VideoProviderKind } from '@qatys/domain';
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
  @ApiProperty({
    enum: VIDEO_PROVIDERS,
    nullable: true,
    description:
      'on the first question page: what runs the session’s video now (a plain `link` needs no grant request); null on later pages',
  })
  videoProvider!: VideoProviderKind | null;
}
