import { DynamicModule, Module, Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttendanceModule } from '../attendance/attendance.module';
import { RoomLifecycleService } from './room-lifecycle.service';
import { RoomPresenceService } from './room-presence.service';
import { ROOM_PRESENCE_REDIS, RoomLiveCounts } from './room-live-counts';
import { RoomRecordingsService } from './room-recordings.service';
import { RoomRelaysService } from './room-relays.service';
import { RoomCallback, RoomGrant, RoomPresence, SessionRoom, VideoSettings } from './room.entities';
import { RecordingAccessService } from './recordings/recording-access.service';
import { RecordingConversionService } from './recordings/recording-conversion.service';
import { RoomsService } from './rooms.service';
import { ROOMS_OPTIONS, RoomsOptions } from './rooms.tokens';
import { VideoProviders } from './video-providers';
import { VideoSettingsService } from './video-settings.service';

const SERVICES = [
  VideoProviders,
  RoomLiveCounts,
  RoomRelaysService,
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
  /** `presenceRedis`: provides ROOM_PRESENCE_REDIS (live room counts); without it they are not kept. */
  static forOptions(options: RoomsOptions, presenceRedis?: Provider): DynamicModule {
    return {
      module: RoomsModule,
      imports: [
        AttendanceModule,
        TypeOrmModule.forFeature([VideoSettings, SessionRoom, RoomGrant, RoomPresence, RoomCallback]),
      ],
      providers: [
        ...SERVICES,
        { provide: ROOMS_OPTIONS, useValue: options },
        ...(presenceRedis ? [presenceRedis] : []),
      ],
      exports: [...SERVICES, ROOMS_OPTIONS, ...(presenceRedis ? [ROOM_PRESENCE_REDIS] : [])],
    };
  }
}
