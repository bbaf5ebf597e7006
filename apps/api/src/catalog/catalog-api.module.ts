import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { NextFunction, raw, Request, Response } from 'express';
import { CatalogModule, RegistrationsModule } from '@qatys/domain';
import { ProgramsController } from './programs.controller';
import { PublicCatalogController } from './public-catalog.controller';
import { PublicReadThrottle } from './public-read-throttle';
import { SectionsController } from './sections.controller';
import { SessionsController } from './sessions.controller';
import { bodyParserErrors } from '../common/domain-exception.filter';
import { PHOTO_BODY_LIMIT, SpeakerPhotosController } from './speaker-photos.controller';
import { SpeakersController } from './speakers.controller';

// Every content type: the photo's own bytes say what it is, not the header a client chose.
const parsePhoto = raw({ type: () => true, limit: PHOTO_BODY_LIMIT });

/** A photo arrives as the raw body (2 MB at most: 413 in the API's error shape). */
function photoBody(req: Request, res: Response, next: NextFunction): void {
  parsePhoto(req, res, (err?: unknown) => (err ? bodyParserErrors(err as never, req, res, next) : next()));
}

@Module({
  imports: [CatalogModule, RegistrationsModule],
  controllers: [
    ProgramsController,
    SessionsController,
    SectionsController,
    SpeakersController,
    SpeakerPhotosController,
    PublicCatalogController,
  ],
  providers: [PublicReadThrottle],
  exports: [PublicReadThrottle],
})
export class CatalogApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(photoBody).forRoutes({ path: 'speakers/:id/photo', method: RequestMethod.PUT });
  }
}
