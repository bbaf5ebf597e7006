import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttendanceModule } from '../attendance/attendance.module';
import { RoomLifecycleService } from './room-lifecycle.service';
import { RoomPresenceService } from './room-presence.service';
import { RoomRecordingsService } from './room-recordings.service';
import { RoomCallback, RoomGrant, RoomPresence, SessionRoom, VideoSettings } from './room.entities';
import { RecordingAccessService } from './recordings/recording-access.service';
import { RecordingConversionService } from './recordings/recording-conversion.service';
import { RoomsService } from './rooms.service';
import { ROOMS_OPTIONS, RoomsOptions } from './rooms.tokens';
import { VideoProviders } from './video-providers';
import { VideoSettingsService } from './video-settings.service';

const SERVICES = [
  VideoProviders,
  RoomsService,
  RoomPresenceService,
  RoomRecordingsService,
  RoomLifecycleService,
  VideoSettingsService,
  RecordingConversionService,
  RecordingAccessService,
];

/** Video rooms: providers, grants, presence, recordings, for the options an app read from its config. */
@Module({})
export class RoomsModule {
  static forOptions(options: RoomsOptions): DynamicModule {
    return {
      module: RoomsModule,
      imports: [
        AttendanceModule,
        TypeOrmModule.forFeature([VideoSettings, SessionRoom, RoomGrant, RoomPresence, RoomCallback]),
      ],
      providers: [...SERVICES, { provide: ROOMS_OPTIONS, useValue: options }],
      exports: [...SERVICES, ROOMS_OPTIONS],
    };
  }
}
