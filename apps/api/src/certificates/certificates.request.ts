import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class CertificateReasonRequest {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 500, example: 'name misspelt' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string | null;
}

export class CertificateConsentRequest {
  @ApiProperty({ description: 'show my full name on the public verification page (else initials)' })
  @IsBoolean()
  publicName!: boolean;
}

export class VerifyQuery {
  @ApiPropertyOptional({ enum: ['kk', 'ru', 'en'] })
  @IsOptional()
  @IsIn(['kk', 'ru', 'en'])
  lang?: 'kk' | 'ru' | 'en';
}
