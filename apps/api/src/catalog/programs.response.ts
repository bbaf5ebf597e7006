import { ApiProperty } from '@nestjs/swagger';
import type { ProgramModule, ProgramWithModules } from '@qatys/domain';
import { LANGUAGES, PROGRAM_STATUSES } from '@qatys/domain';
import { LocalizedTextResponse, PageMetaResponse } from './catalog-common.response';

export class ModuleResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty({ example: 1, description: '1-based order within the program' }) position!: number;
  @ApiProperty({ type: LocalizedTextResponse }) title!: LocalizedTextResponse;
  @ApiProperty({ type: LocalizedTextResponse }) description!: LocalizedTextResponse;

  static of(m: ProgramModule): ModuleResponse {
    return {
      id: m.id,
      programId: m.programId,
      position: m.position,
      title: m.title,
      description: m.description,
    };
  }
}

export class ProgramResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ type: LocalizedTextResponse }) title!: LocalizedTextResponse;
  @ApiProperty({ type: LocalizedTextResponse }) description!: LocalizedTextResponse;
  @ApiProperty({ example: 'Asia/Almaty' }) defaultTimeZone!: string;
  @ApiProperty({ enum: LANGUAGES }) defaultLanguage!: string;
  @ApiProperty({ type: String, nullable: true, example: '2024-06-15' }) startsOn!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '2024-08-05' }) endsOn!: string | null;
  @ApiProperty({ enum: PROGRAM_STATUSES }) status!: string;
  @ApiProperty({ type: [Number], example: [1440, 60, 10] }) reminderOffsetsMinutes!: number[];
  @ApiProperty({ type: String, nullable: true, example: '22:00', description: "attendee's local time" })
  quietHoursStart!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '08:00' }) quietHoursEnd!: string | null;
  @ApiProperty({ type: [ModuleResponse], description: 'in order' }) modules!: ModuleResponse[];

  static of({ program: p, modules }: ProgramWithModules): ProgramResponse {
    return {
      id: p.id,
      organizationId: p.organizationId,
      title: p.title,
      description: p.description,
      defaultTimeZone: p.defaultTimeZone,
      defaultLanguage: p.defaultLanguage,
      startsOn: p.startsOn,
      endsOn: p.endsOn,
      status: p.status,
      reminderOffsetsMinutes: p.reminderOffsetsMinutes,
      quietHoursStart: p.quietHoursStart,
      quietHoursEnd: p.quietHoursEnd,
      modules: modules.map(ModuleResponse.of),
    };
  }
}

export class ProgramPageResponse extends PageMetaResponse {
  @ApiProperty({ type: [ProgramResponse] }) items!: ProgramResponse[];
}
