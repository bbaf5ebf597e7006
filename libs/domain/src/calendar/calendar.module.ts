import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { IdentityModule } from '../identity/identity.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { CalendarService } from './calendar.service';

/** Reads catalog and registration rows (their modules register the entities); owns no table. */
@Module({
  imports: [IdentityModule, CatalogModule, RegistrationsModule],
  providers: [CalendarService],
  exports: [CalendarService],
})
export class CalendarModule {}
