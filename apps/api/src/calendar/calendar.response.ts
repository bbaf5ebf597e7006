import { ApiProperty } from '@nestjs/swagger';

export class CalendarTokenResponse {
  @ApiProperty({ description: 'shown once; only its hash is stored' }) token!: string;
  @ApiProperty({
    example: 'https://api.qatys.kz/me/calendar.ics?token=...',
    description: 'subscribe to this URL',
  })
  url!: string;
}
