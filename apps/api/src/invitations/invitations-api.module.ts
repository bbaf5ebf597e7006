import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { raw } from 'express';
import { InvitationsModule } from '@qatys/domain';
import { bodyParserErrors } from '../common/domain-exception.filter';
import { ExpectedListsController, XLSX_TYPE } from './expected-lists.controller';
import { InvitationLinksController } from './invitation-links.controller';

@Module({
  imports: [InvitationsModule],
  controllers: [ExpectedListsController, InvitationLinksController],
})
export class InvitationsApiModule implements NestModule {
  /** Spreadsheets arrive as raw bytes (5 MB at most: 413); CSV goes through the app's text parser. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(raw({ type: XLSX_TYPE, limit: '5mb' }), bodyParserErrors)
      .forRoutes(
        { path: 'programs/:programId/expected-people/import', method: RequestMethod.POST },
        { path: 'sessions/:sessionId/expected-people/import', method: RequestMethod.POST },
      );
  }
}
