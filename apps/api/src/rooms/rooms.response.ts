import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VIDEO_PROVIDERS } from '@qatys/domain';

class IceServerResponse {
  @ApiProperty({ type: [String] })
  urls!: string[];
  @ApiPropertyOptional()
  username?: string;
  @ApiPropertyOptional()
  credential?: string;
}

/** A join grant: short-lived, for this person, this room and this role. */
export class RoomGrantResponse {
  @ApiProperty({ format: 'uuid' })
  sessionId!: string;
  @ApiProperty({ enum: VIDEO_PROVIDERS })
  provider!: string;
  @ApiProperty({ enum: ['moderator', 'speaker', 'attendee'] })
  role!: string;
  @ApiProperty({ format: 'date-time', description: 'enter before this instant (then ask again)' })
  expiresAt!: string;
  @ApiProperty({
    enum: VIDEO_PROVIDERS,
    nullable: true,
    description: 'the chosen provider, when it is not available here',
  })
  fellBackFrom!: string | null;
  @ApiPropertyOptional({ description: 'builtin: the Janus HTTP API' })
  janusUrl?: string;
  @ApiPropertyOptional({ description: 'builtin: the room number' })
  room?: number;
  @ApiPropertyOptional({
    description: 'builtin: the entry token of this room (in its allowed list until expiresAt)',
  })
  token?: string;
  @ApiPropertyOptional({ description: 'builtin: may publish camera, microphone, screen' })
  publish?: boolean;
  @ApiPropertyOptional({ type: [IceServerResponse] })
  iceServers?: IceServerResponse[];
  @ApiPropertyOptional({ description: 'bigbluebutton: the signed join URL' })
  joinUrl?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'link: the external video URL' })
  url?: string | null;
}

class RoomStateResponse {
  @ApiProperty({ enum: ['open', 'ended'] })
  status!: string;
  @ApiProperty({ enum: ['none', 'pending', 'ready', 'failed'] })
  recordingStatus!: string;
}

export class VideoSettingsResponse {
  @ApiProperty({ enum: VIDEO_PROVIDERS, nullable: true, description: 'set here; null: inherited' })
  provider!: string | null;
  @ApiProperty()
  record!: boolean;
  @ApiProperty({ enum: VIDEO_PROVIDERS, description: 'what runs' })
  effective!: string;
  @ApiProperty({ enum: VIDEO_PROVIDERS, nullable: true })
  fellBackFrom!: string | null;
  @ApiProperty({ enum: VIDEO_PROVIDERS, isArray: true })
  available!: string[];
  @ApiProperty({ type: RoomStateResponse, nullable: true })
  room!: RoomStateResponse | null;
}

export class CallbackAcceptedResponse {
  @ApiProperty({ description: 'attendance intervals opened or closed, or 1 for a recording link' })
  changed!: number;
}

export class RecordingLinkResponse {
  @ApiProperty({
    description: "the recording for this person's player (valid until expiresAt; byte ranges answered)",
  })
  url!: string;
  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
  @ApiProperty({ description: 'size of the file' })
  bytes!: number;
  @ApiProperty({ example: 'video/webm' })
  contentType!: string;
}
