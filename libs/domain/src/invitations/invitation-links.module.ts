import { DynamicModule, Global, Module } from '@nestjs/common';
import { INVITATION_LINKS, InvitationLinks } from './invitation-token';

/** INVITATION_LINKS for the whole app (api: checks links; worker: writes them into mails). */
@Global()
@Module({})
export class InvitationLinksModule {
  static forRoot(links: InvitationLinks): DynamicModule {
    return {
      module: InvitationLinksModule,
      providers: [{ provide: INVITATION_LINKS, useValue: links }],
      exports: [INVITATION_LINKS],
    };
  }
}
