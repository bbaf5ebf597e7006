import { Module } from '@nestjs/common';
import { RegistrationsModule } from '@qatys/domain';
import { MyRegistrationsController } from './my-registrations.controller';
import { ProgramRegistrationsController } from './program-registrations.controller';
import { RostersController } from './rosters.controller';
import { SessionRegistrationsController } from './session-registrations.controller';
import { UserRegistrationsController } from './user-registrations.controller';

@Module({
  imports: [RegistrationsModule],
  controllers: [
    SessionRegistrationsController,
    MyRegistrationsController,
    ProgramRegistrationsController,
    RostersController,
    UserRegistrationsController,
  ],
})
export class RegistrationsApiModule {}
