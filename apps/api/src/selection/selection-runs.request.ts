import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { IsOptionalNonNull } from '../catalog/catalog-common.request';
import { QuotasRequest } from './calls.request';

export class PreviewRunRequest {
  @ApiPropertyOptional({
    type: QuotasRequest,
    description: "quotas to try instead of the call's (fields left out keep the call's values)",
  })
  @IsOptionalNonNull()
  @ValidateNested()
  @Type(() => QuotasRequest)
  quotas?: QuotasRequest;
}
