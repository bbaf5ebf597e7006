import { DynamicModule, Module, Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { ApiConfig } from '@qatys/config';
import {
  CertificateSettingsModule,
  DEFAULT_CERTIFICATE_FONT_DIR,
  IdentityModule,
  InvitationLinksModule,
} from '@qatys/domain';
import { dataSourceOptions } from '@qatys/persistence';
import { AuthApiModule } from './auth/auth-api.module';
import { AuthGuard } from './common/auth.guard';
import { ErrorFilter } from './common/domain-exception.filter';
import { loggerParams } from './common/logging';
import { CoreModule } from './core.module';
import { HealthController } from './health/health.controller';
import { ApiOperationsModule } from './health/operations.module';
import { CatalogApiModule } from './catalog/catalog-api.module';
import { RegistrationsApiModule } from './registrations/registrations-api.module';
import { RegionsApiModule } from './regions/regions-api.module';
import { CalendarApiModule } from './calendar/calendar-api.module';
import { WebModule } from './web/web.module';
import { UsersApiModule } from './users/users-api.module';
import { SelectionApiModule } from './selection/selection-api.module';
import { AttendanceApiModule } from './attendance/attendance-api.module';
import { QaApiModule } from './qa/qa-api.module';
import { RemindersApiModule } from './reminders/reminders-api.module';
import { RoomsApiModule } from './rooms/rooms-api.module';
import { InvitationsApiModule } from './invitations/invitations-api.module';
import { CertificatesApiModule } from './certificates/certificates-api.module';
import { EngagementApiModule } from './engagement/engagement-api.module';

@Module({})
export class ApiModule {
  /** `extra` lets the benchmark mount its baseline routes inside this very app. */
  static forRoot(config: ApiConfig, extra: Type[] = []): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        CoreModule.forRoot(config),
        LoggerModule.forRoot(loggerParams('api', config.LOG_LEVEL)),
        TypeOrmModule.forRoot({
          ...dataSourceOptions({
            url: config.DATABASE_URL,
            poolSize: config.DB_POOL_SIZE,
            applicationName: 'qatys-api',
          }),
          autoLoadEntities: true,
        }),
        ApiOperationsModule,
        IdentityModule,
        AuthApiModule,
        RegionsApiModule,
        UsersApiModule,
        CatalogApiModule,
        RegistrationsApiModule,
        CalendarApiModule,
        SelectionApiModule,
        AttendanceApiModule,
        QaApiModule,
        RemindersApiModule,
        RoomsApiModule.forRoot(config),
        InvitationLinksModule.forRoot({ secret: config.JWT_SECRET, publicBaseUrl: config.PUBLIC_BASE_URL }),
        // The api renders no PDF (the worker does); the path only matters for tools built on the app.
        CertificateSettingsModule.forRoot({
          publicBaseUrl: config.PUBLIC_BASE_URL,
          fontDir: DEFAULT_CERTIFICATE_FONT_DIR,
        }),
        InvitationsApiModule,
        CertificatesApiModule,
        EngagementApiModule,
        WebModule,
        ...extra,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }
}
