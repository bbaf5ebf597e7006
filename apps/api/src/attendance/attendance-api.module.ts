import { Module } from '@nestjs/common';
import { AttendanceModule } from '@qatys/domain';
import { AttendanceReportsController } from './attendance-reports.controller';
import { JoinTokenController } from './join-token.controller';
import { LiveSettingsController } from './live-settings.controller';

@Module({
  imports: [AttendanceModule],
  controllers: [AttendanceReportsController, LiveSettingsController, JoinTokenController],
})
export class AttendanceApiModule {}
