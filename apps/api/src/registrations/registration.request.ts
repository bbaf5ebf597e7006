import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsTimeZone, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import { REGISTRATION_STATUSES, RegistrationStatus } from '@qatys/domain';
import { INT4_MAX } from '../common/validation';

export class CreateRegistrationRequest {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Organizers/admins only: register this user instead of yourself',
  })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({
    example: 16,
    description:
      "Organizers/admins only: the region to count the registration in (default: the attendee's home region)",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  regionId?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'a section (parallel track) of this session' })
  @IsOptional()
  @IsUUID()
  sectionId?: string;
}

export class UpdateRegistrationRequest {
  @ApiPropertyOptional({ example: 16 })
  @ValidateIf((o: UpdateRegistrationRequest) => o.regionId !== undefined)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  regionId?: number;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null removes the section choice',
  })
  @IsOptional()
  @IsUUID()
  sectionId?: string | null;
}

export class PageQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize: number = 50;

  @ApiPropertyOptional({
    example: 'Asia/Qostanay',
    description: "render times in this IANA zone (default: the reader's profile zone)",
  })
  @IsOptional()
  @IsTimeZone()
  tz?: string;
}

export class ListRegistrationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES })
  @IsOptional()
  @IsIn(REGISTRATION_STATUSES)
  status?: RegistrationStatus;

  @ApiPropertyOptional({ example: 16 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  regionId?: number;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  sectionId?: string;
}

export class MyRegistrationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES })
  @IsOptional()
  @IsIn(REGISTRATION_STATUSES)
  status?: RegistrationStatus;
}

export class EnrollProgramRequest {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Organizers/admins only: enrol this user instead of yourself',
  })
  @IsOptional()
  @IsUUID()
  userId?: string;

  @ApiPropertyOptional({
    example: 16,
    description: "Organizers/admins only: region of the enrolment (default: the person's home region)",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  regionId?: number;
}
