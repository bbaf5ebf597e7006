import { DynamicModule, Module } from '@nestjs/common';
import type { ApiConfig } from '@qatys/config';
import { RoomsModule, roomsOptionsFrom } from '@qatys/domain';
import { RoomCallbacksController } from './room-callbacks.controller';
import { RecordingsController } from './recordings.controller';
import { RoomGrantsController } from './room-grants.controller';
import { VideoSettingsController } from './video-settings.controller';

@Module({})
export class RoomsApiModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: RoomsApiModule,
      imports: [RoomsModule.forOptions(roomsOptionsFrom(config))],
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
