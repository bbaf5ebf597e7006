import { ApiProperty } from '@nestjs/swagger';

export class RegionCount {
  @ApiProperty() regionId!: number;
  @ApiProperty({ example: 'KZ-55' }) code!: string;
  @ApiProperty({ description: 'people on the list in that region: the expected number from now on' })
  expected!: number;
}

export class ImportSummaryResponse {
  @ApiProperty() rows!: number;
  @ApiProperty({ description: 'people added to the list' }) added!: number;
  @ApiProperty({ description: 'people already listed whose details were updated' }) updated!: number;
  @ApiProperty({ description: 'accounts made (no password until the person sets one)' })
  accountsCreated!: number;
  @ApiProperty({ description: 'existing accounts matched by e-mail or phone' }) accountsMatched!: number;
  @ApiProperty({ type: [RegionCount] }) regions!: RegionCount[];
}

const STATUSES = ['listed', 'invited', 'registered', 'declined', 'bounced'];

export class ListedPersonResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() regionId!: number;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null: listed by phone only, no account',
  })
  userId!: string | null;
  @ApiProperty() fullName!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ enum: ['kk', 'ru', 'en'] }) language!: string;
  @ApiProperty({ type: String, nullable: true }) organization!: string | null;
  @ApiProperty({ type: String, nullable: true }) position!: string | null;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) invitedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) declinedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) declineReason!: string | null;
}

export class RegionStatusCounts {
  @ApiProperty() regionId!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'people of the region per status',
    example: { registered: 140, invited: 8, declined: 1, bounced: 1 },
  })
  counts!: Record<string, number>;
}

export class ExpectedListResponse {
  @ApiProperty({ type: [ListedPersonResponse] }) items!: ListedPersonResponse[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'people per status',
    example: { invited: 10, registered: 140 },
  })
  counts!: Record<string, number>;
  @ApiProperty({ type: [RegionStatusCounts], description: 'the same, region by region' })
  regions!: RegionStatusCounts[];
}

export class InvitedCountResponse {
  @ApiProperty({ description: 'invitations sent now (people already invited are not invited twice)' })
  invited!: number;
}

export class InvitationSettingsResponse {
  @ApiProperty({ type: [Number] }) reminderOffsetsMinutes!: number[];
}

class InvitationScope {
  @ApiProperty({ enum: ['program', 'session'] }) type!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programId!: string;
}

export class InvitationResponse {
  @ApiProperty({ format: 'uuid' }) inviteeId!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ enum: ['kk', 'ru', 'en'] }) language!: string;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ type: InvitationScope }) scope!: InvitationScope;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { kk: '…', ru: '…' } })
  programTitle!: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, nullable: true })
  sessionTitle!: Record<string, string> | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startAt!: Date | null;
  @ApiProperty({ description: 'the account has no password yet: one may be set with this link' })
  canSetPassword!: boolean;
}

export class OkResponse {
  @ApiProperty({ example: true }) ok!: boolean;
}

class AbsentPersonResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) inviteeId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) userId!: string | null;
  @ApiProperty({ type: Number, nullable: true }) regionId!: number | null;
  @ApiProperty() fullName!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) organization!: string | null;
  @ApiProperty({ type: String, nullable: true }) position!: string | null;
  @ApiProperty({ enum: STATUSES }) status!: string;
  @ApiProperty({ description: 'on the expected list' }) listed!: boolean;
}

class AbsenteeRegionResponse {
  @ApiProperty({ type: Number, nullable: true }) regionId!: number | null;
  @ApiProperty({ type: String, nullable: true }) code!: string | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'the roster figure (the list when there is one)',
  })
  expected!: number | null;
  @ApiProperty() listed!: number;
  @ApiProperty() registered!: number;
  @ApiProperty({ description: "the attendance report's present" }) present!: number;
  @ApiProperty({ type: [AbsentPersonResponse], description: 'listed and never registered' })
  invitedAbsent!: AbsentPersonResponse[];
  @ApiProperty({ type: [AbsentPersonResponse], description: 'registered and not present' })
  registeredAbsent!: AbsentPersonResponse[];
}

class AbsenteeTotals {
  @ApiProperty() listed!: number;
  @ApiProperty() expected!: number;
  @ApiProperty() registered!: number;
  @ApiProperty() present!: number;
  @ApiProperty() invitedAbsent!: number;
  @ApiProperty() registeredAbsent!: number;
}

class ListRef {
  @ApiProperty({ enum: ['program', 'session'] }) type!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
}

export class AbsenteesResponse {
  @ApiProperty({ type: InvitationScope }) scope!: InvitationScope;
  @ApiProperty({ type: ListRef, nullable: true, description: 'the list the names come from' })
  list!: ListRef | null;
  @ApiProperty({ type: [AbsenteeRegionResponse] }) regions!: AbsenteeRegionResponse[];
  @ApiProperty({ type: AbsenteeTotals }) totals!: AbsenteeTotals;
}

export class FollowUpResponse {
  @ApiProperty({ example: true, description: 'recorded: the worker writes the messages a moment later' })
  requested!: boolean;
}
