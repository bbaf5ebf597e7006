import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthChecksResponse {
  @ApiProperty({ enum: ['up', 'down'] }) postgres!: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) redis!: 'up' | 'down';
}

export class MediaNodeHealthResponse {
  @ApiProperty({ example: 'n1' }) id!: string;
  @ApiProperty({ enum: ['up', 'down'] }) status!: 'up' | 'down';
}

/** The video servers: reported, never a reason for a 503 (sessions fall back, questions go on). */
export class MediaHealthResponse {
  @ApiProperty({ type: [MediaNodeHealthResponse], description: 'Janus nodes (built-in rooms)' })
  janus!: MediaNodeHealthResponse[];
}

/** What /health answers, 200 when both stores answer and 503 (same body) when one does not. */
export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: 'ok' | 'degraded';
  @ApiProperty({ example: 'api' }) app!: string;
  @ApiProperty({ type: HealthChecksResponse }) checks!: HealthChecksResponse;
  @ApiPropertyOptional({ type: MediaHealthResponse, description: 'present when Janus nodes are configured' })
  media?: MediaHealthResponse;
}
