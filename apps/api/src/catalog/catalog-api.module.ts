import { Module } from '@nestjs/common';
import { CatalogModule, RegistrationsModule } from '@qatys/domain';
import { ProgramsController } from './programs.controller';
import { PublicCatalogController } from './public-catalog.controller';
import { PublicReadThrottle } from './public-read-throttle';
import { SectionsController } from './sections.controller';
import { SessionsController } from './sessions.controller';
import { SpeakersController } from './speakers.controller';

@Module({
  imports: [CatalogModule, RegistrationsModule],
  controllers: [
    ProgramsController,
    SessionsController,
    SectionsController,
    SpeakersController,
    PublicCatalogController,
  ],
  providers: [PublicReadThrottle],
  exports: [PublicReadThrottle],
})
export class CatalogApiModule {}
