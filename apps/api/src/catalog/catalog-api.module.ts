import { Module } from '@nestjs/common';
import { CatalogModule, RegistrationsModule } from '@qatys/domain';
import { ProgramsController } from './programs.controller';
import { SectionsController } from './sections.controller';
import { SessionsController } from './sessions.controller';
import { SpeakersController } from './speakers.controller';

@Module({
  imports: [CatalogModule, RegistrationsModule],
  controllers: [ProgramsController, SessionsController, SectionsController, SpeakersController],
})
export class CatalogApiModule {}
