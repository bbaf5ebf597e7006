import { DynamicModule, Module } from '@nestjs/common';
import type { ApiConfig } from '@qatys/config';
import { ROOM_PRESENCE_REDIS, RoomsModule, roomsOptionsFrom } from '@qatys/domain';
import { REDIS } from '../core.module';
import { RoomCallbacksController } from './room-callbacks.controller';
import { RecordingsController } from './recordings.controller';
import { RoomGrantsController } from './room-grants.controller';
import { VideoSettingsController } from './video-settings.controller';

@Module({})
export class RoomsApiModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: RoomsApiModule,
      // Room presence (Janus's events) goes into the gateway's live counts, in the same Redis.
      imports: [
        RoomsModule.forOptions(roomsOptionsFrom(config), {
          provide: ROOM_PRESENCE_REDIS,
          useExisting: REDIS,
        }),
      ],
      controllers: [
        RoomGrantsController,
        VideoSettingsController,
        RoomCallbacksController,
        RecordingsController,
      ],
      // /health reports the video servers through VideoProviders.
      exports: [RoomsModule],
    };
  }
}
