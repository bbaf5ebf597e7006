import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { NextFunction, raw, Request, Response } from 'express';
import { InvitationsModule } from '@qatys/domain';
import { bodyParserErrors } from '../common/domain-exception.filter';
import { ExpectedListsController, XLSX_TYPE } from './expected-lists.controller';
import { InvitationLinksController } from './invitation-links.controller';

const parseXlsx = raw({ type: XLSX_TYPE, limit: '5mb' });

/** Spreadsheets arrive as raw bytes (5 MB at most: 413, in the API's error shape). */
function xlsxBody(req: Request, res: Response, next: NextFunction): void {
  parseXlsx(req, res, (err?: unknown) => (err ? bodyParserErrors(err as never, req, res, next) : next()));
}

@Module({
  imports: [InvitationsModule],
  controllers: [ExpectedListsController, InvitationLinksController],
})
export class InvitationsApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(xlsxBody)
      .forRoutes(
        { path: 'programs/:programId/expected-people/import', method: RequestMethod.POST },
        { path: 'sessions/:sessionId/expected-people/import', method: RequestMethod.POST },
      );
  }
}
