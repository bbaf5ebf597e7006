import { Module } from '@nestjs/common';
import { IdentityModule } from '@qatys/domain';
import { RegionsController } from './regions.controller';

@Module({
  imports: [IdentityModule],
  controllers: [RegionsController],
})
export class RegionsApiModule {}
