import { Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { existsSync } from 'fs';
import { join } from 'path';
import type { Express, Request, Response } from 'express';
import { APP_CONFIG, ApiConfig } from '@qatys/config';
import { CatalogModule, ProgramsService, QaModule, SessionsService } from '@qatys/domain';
import { PublicReadThrottle } from '../catalog/public-read-throttle';
import { joinEntry } from './join-entry';
import { DEFAULT_READER_ZONE } from '../common/time-view';
import { JoinViewController } from './join-view.controller';
import { JoinViews } from './join-views';
import { shareEntry, ShareLookups } from './share-entry';
import { findWebDist, JOIN_PATH, spaEntry, WEB_BASE_PATH, webHandlers } from './web-static';

/**
 * Serves the browser app (organizer console and attendee page, built by Vite into dist/web) from
 * the api's own origin. Mounted in onModuleInit, which Nest runs after the API's routes are
 * registered and before its not-found handler: the API always wins, the SPA only sees /app (and /join, the link in reminder e-mails).
 */
@Module({
  imports: [CatalogModule, QaModule],
  controllers: [JoinViewController],
  providers: [PublicReadThrottle, JoinViews],
})
export class WebModule implements OnModuleInit {
  private readonly logger = new Logger('Web');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(APP_CONFIG) private readonly config: ApiConfig,
    private readonly programs: ProgramsService,
    private readonly sessions: SessionsService,
    private readonly throttle: PublicReadThrottle,
    private readonly views: JoinViews,
  ) {}

  onModuleInit(): void {
    const http = this.adapterHost.httpAdapter;
    if (!http || http.getType() !== 'express') return;
    const app = http.getInstance<Express>();
    const dist = findWebDist();
    if (!existsSync(join(dist, 'index.html'))) {
      this.logger.log(
        `web app not built (${dist} has no index.html): ${WEB_BASE_PATH} answers 503 until it is`,
      );
    }
    // The public pages people share: index.html with a <head> naming the program or session.
    const lookups: ShareLookups = {
      programs: this.programs,
      sessions: this.sessions,
      throttle: this.throttle,
      publicBaseUrl: this.config.PUBLIC_BASE_URL,
    };
    const client = { gatewayUrl: this.config.GATEWAY_PUBLIC_URL };
    app.get(`${WEB_BASE_PATH}/programs/:id`, shareEntry(dist, 'program', lookups, client));
    app.get(`${WEB_BASE_PATH}/sessions/:id`, shareEntry(dist, 'session', lookups, client));
    app.use(WEB_BASE_PATH, webHandlers(dist, client));
    app.get(
      `${JOIN_PATH}/:registrationId`,
      // The page's own requests carry no zone: they read in the default one (ReaderZone).
      joinEntry(dist, client, (token, id) => this.views.link(token, id, DEFAULT_READER_ZONE)),
    );
    app.use(JOIN_PATH, spaEntry(dist, client));
    // The bare origin is where people land from the start banner.
    app.get('/', (_req: Request, res: Response) => res.redirect(302, `${WEB_BASE_PATH}/`));
  }
}
