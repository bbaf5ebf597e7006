import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { NOTIFICATION_STATUSES, NotificationStatus } from '@qatys/domain';
import { IsOptionalNonNull, PageQuery } from '../catalog/catalog-common.request';

export class SessionRemindersQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: NOTIFICATION_STATUSES,
    description: 'only attendees with reminders in this status',
  })
  @IsOptionalNonNull()
  @IsIn(NOTIFICATION_STATUSES)
  status?: NotificationStatus;

  @ApiPropertyOptional({ description: 'only attendees registered for this region' })
  @IsOptionalNonNull()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  regionId?: number;
}
