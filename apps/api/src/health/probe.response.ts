import { ApiProperty } from '@nestjs/swagger';

/** terminus's answer: per indicator `{ status: 'up'|'down', ...details }`. */
export class ProbeResponse {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'indicators that are up',
    example: { postgres: { status: 'up' } },
  })
  info!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'indicators that are down',
    example: { draining: { status: 'down', message: 'shutting down' } },
  })
  error!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'every indicator' })
  details!: Record<string, unknown>;
}
