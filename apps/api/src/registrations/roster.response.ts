import { ApiProperty } from '@nestjs/swagger';
import type { RosterView } from '@qatys/domain';
import { RegionRef } from './registration.response';

export class RosterLineResponse {
  @ApiProperty({ type: RegionRef }) region!: RegionRef;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'null: not on the roster, but people registered from there',
  })
  expected!: number | null;
  @ApiProperty() registered!: number;
  @ApiProperty() waitlisted!: number;
}

export class RosterTotals {
  @ApiProperty() expected!: number;
  @ApiProperty() registered!: number;
  @ApiProperty() waitlisted!: number;
}

export class UnassignedCounts {
  @ApiProperty() registered!: number;
  @ApiProperty() waitlisted!: number;
}

export class RosterResponse {
  @ApiProperty({ enum: ['program', 'session'] }) scopeType!: string;
  @ApiProperty({ format: 'uuid' }) scopeId!: string;
  @ApiProperty({
    type: [RosterLineResponse],
    description:
      'one line per region on the roster or with registrations (a coordinator sees their regions only). ' +
      'Session: registrations by status. Program: distinct people with an active program enrolment or a registered seat in any of its sessions; ' +
      'waitlisted = distinct people waitlisted somewhere in it and not counted as registered in that region.',
  })
  lines!: RosterLineResponse[];
  @ApiProperty({ type: RosterTotals }) totals!: RosterTotals;
  @ApiProperty({
    type: UnassignedCounts,
    nullable: true,
    description: 'registrations without a region (organizers only)',
  })
  unassigned!: UnassignedCounts | null;

  static of(v: RosterView): RosterResponse {
    return {
      scopeType: v.scope.type,
      scopeId: v.scope.id,
      lines: v.lines.map((l) => ({
        region: RegionRef.of(l.region),
        expected: l.expected,
        registered: l.registered,
        waitlisted: l.waitlisted,
      })),
      totals: v.totals,
      unassigned: v.unassigned,
    };
  }
}
