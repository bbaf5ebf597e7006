import { ApiProperty } from '@nestjs/swagger';
import type { BatchView, CertificateRow, Verification } from '@qatys/domain';

export class CertificateResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'QTS-2024-000123' }) number!: string;
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: ['pending', 'issued', 'revoked'] }) status!: string;
  @ApiProperty({ enum: ['kk', 'ru', 'en'] }) language!: string;
  @ApiProperty() holderName!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) programTitle!: Record<
    string,
    string
  >;
  @ApiProperty({ description: 'time present, minutes' }) minutes!: number;
  @ApiProperty({ type: String, format: 'date-time' }) completedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) issuedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) revokeReason!: string | null;
  @ApiProperty({ description: 'the full name is shown on the public verification page' })
  publicName!: boolean;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) replacesId!: string | null;
  @ApiProperty({ description: 'the public verification page of this certificate' }) verifyPath!: string;

  static of(c: CertificateRow): CertificateResponse {
    return {
      id: c.id,
      number: c.number,
      programId: c.program_id,
      userId: c.user_id,
      status: c.status,
      language: c.language,
      holderName: c.holder_name,
      programTitle: c.program_title,
      minutes: Number(c.minutes),
      completedAt: c.completed_at,
      issuedAt: c.issued_at,
      revokedAt: c.revoked_at,
      revokeReason: c.revoke_reason,
      publicName: c.public_name,
      replacesId: c.replaces_id,
      verifyPath: `/verify/${c.verify_code}`,
    };
  }
}

export class CertificateListResponse {
  @ApiProperty({ type: [CertificateResponse] }) items!: CertificateResponse[];
}

export class BatchResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) programId!: string;
  @ApiProperty({ enum: ['request', 'session_ended'] }) reason!: string;
  @ApiProperty({ description: 'certificates this batch made (completers without one)' }) total!: number;
  @ApiProperty() issued!: number;
  @ApiProperty({ description: 'waiting for their PDF' }) pending!: number;
  @ApiProperty() revoked!: number;
  @ApiProperty({ description: 'everything this batch will make is made' }) done!: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;

  static of(b: BatchView): BatchResponse {
    return {
      id: b.id,
      programId: b.program_id,
      reason: b.reason,
      total: b.total,
      issued: b.issued,
      pending: b.pending,
      revoked: b.revoked,
      done: b.done,
      createdAt: b.created_at,
    };
  }
}

export class VerificationResponse {
  @ApiProperty({ enum: ['valid', 'revoked', 'unknown'] }) status!: string;
  @ApiProperty({ required: false }) number?: string;
  @ApiProperty({ required: false, description: 'full name only if its holder agreed, else initials' })
  holder?: string;
  @ApiProperty({ required: false }) program?: string;
  @ApiProperty({ required: false, example: '2024-07-01' }) completedOn?: string;
  @ApiProperty({ required: false, type: String, nullable: true }) issuedOn?: string | null;
  @ApiProperty({ required: false, type: String, nullable: true }) revokedOn?: string | null;

  static of(v: Verification): VerificationResponse {
    return { ...v };
  }
}
