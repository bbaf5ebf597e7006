import { ApiProperty } from '@nestjs/swagger';

export class HealthChecksResponse {
  @ApiProperty({ enum: ['up', 'down'] }) postgres!: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) redis!: 'up' | 'down';
}

/** What /health answers, 200 when both stores answer and 503 (same body) when one does not. */
export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status!: 'ok' | 'degraded';
  @ApiProperty({ example: 'api' }) app!: string;
  @ApiProperty({ type: HealthChecksResponse }) checks!: HealthChecksResponse;
}
