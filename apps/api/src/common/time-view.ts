import { BadRequestException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Actor, instantIn, isValidTimeZone } from '@qatys/domain';

export class LocalTime {
  @ApiProperty({ example: '2024-03-02T12:00:00+05:00' }) local!: string;
  @ApiProperty({ example: 'Asia/Almaty' }) zone!: string;
  @ApiProperty({ example: 300 }) offsetMinutes!: number;
}

/** One instant, told three ways: UTC, in the reader's zone, and in the zone of record. */
export class TimeView {
  @ApiProperty({ example: '2024-03-02T07:00:00.000Z' }) utc!: string;
  @ApiProperty({ type: LocalTime, description: "in the reader's zone (?tz=, else the profile zone)" })
  reader!: LocalTime;
  @ApiProperty({ type: LocalTime, description: 'in the zone the organizer scheduled in' })
  ofRecord!: LocalTime;
}

export function timeView(instant: Date, readerZone: string, recordZone: string): TimeView {
  return {
    utc: instant.toISOString(),
    reader: instantIn(instant, readerZone),
    ofRecord: instantIn(instant, recordZone),
  };
}

export const DEFAULT_READER_ZONE = 'Asia/Almaty';

/**
 * The zone to render times in: `?tz=` when given (400 if not an IANA zone), else the signed-in
 * reader's profile zone, else Asia/Almaty.
 */
export const ReaderZone = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const req = ctx.switchToHttp().getRequest<{ query: Record<string, unknown>; actor?: Actor }>();
  const tz = req.query.tz;
  if (tz !== undefined) {
    if (typeof tz !== 'string' || !isValidTimeZone(tz)) {
      throw new BadRequestException({
        code: 'unknown_time_zone',
        message: `tz "${String(tz)}" is not an IANA time zone`,
      });
    }
    return tz;
  }
  return req.actor?.timeZone ?? DEFAULT_READER_ZONE;
});
