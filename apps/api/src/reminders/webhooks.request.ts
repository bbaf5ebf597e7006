import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUrl, IsUUID, MaxLength } from 'class-validator';
import { IsOptionalNonNull } from '../catalog/catalog-common.request';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class CreateWebhookRequest {
  @ApiProperty({ example: 'https://bot.example.kz/qatys', description: 'http(s); receives signed POSTs' })
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: '$property must be an absolute http(s) URL' })
  url!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 200,
    example: 'Telegram bot of the Pavlodar branch',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'admins only: another organization than their own' })
  @IsOptionalNonNull()
  @IsUUID('all')
  organizationId?: string;
}

export class UpdateWebhookRequest {
  @ApiPropertyOptional({ example: 'https://bot.example.kz/qatys' })
  @IsOptionalNonNull()
  @IsString()
  @MaxLength(2000)
  @IsUrl(URL_OPTIONS, { message: '$property must be an absolute http(s) URL' })
  url?: string;

  @ApiPropertyOptional({ type: String, maxLength: 200, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string | null;

  @ApiPropertyOptional({ description: 'false pauses deliveries to it' })
  @IsOptionalNonNull()
  @IsBoolean()
  active?: boolean;
}

export class ListWebhooksQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'admins only' })
  @IsOptionalNonNull()
  @IsUUID('all')
  organizationId?: string;
}

export class NotificationSettingsRequest {
  @ApiProperty({
    enum: ['email', 'webhook'],
    description: "webhook: delivered to the program organization's endpoints (e-mail when it has none)",
  })
  @IsString()
  @IsIn(['email', 'webhook'])
  channel!: 'email' | 'webhook';
}
