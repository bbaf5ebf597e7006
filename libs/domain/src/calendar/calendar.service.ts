import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { Session, SessionSpeaker } from '../catalog/session.entity';
import { IdentityService } from '../identity/identity.service';
import { Registration } from '../registrations/registration.entity';
import { Actor, isOrganizer } from '../shared/actor';
import { notFound, unauthorized } from '../shared/domain.errors';
import type { Language } from '../shared/localized-text';
import { feedCalendarName, ICS_PRODID, sessionIcsFilename, sessionToIcsEvent } from './calendar-event.policy';
import { serializeCalendar } from './ics.serializer';

export interface IcsFile {
  filename: string;
  body: string;
}

/** Subscribed calendar apps re-fetch the personal feed about this often. */
export const FEED_REFRESH_MINUTES = 60;

/**
 * Calendar files (RFC 5545) for one session and for a person's registrations. Reads the catalog
 * and registrations tables directly; writes nothing but feed tokens.
 */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly identity: IdentityService,
  ) {}

  /**
   * One session as an .ics file. Sessions of published or archived programs are public (an
   * "add to calendar" link); a draft program's sessions exist only for organizers and admins,
   * and everyone else gets the same 404 as for a session that does not exist.
   * Language: `lang` if given, else the signed-in reader's, else Russian.
   */
  async sessionCalendar(
    sessionId: string,
    reader: { actor?: Actor | null; lang?: Language },
    now = new Date(),
  ): Promise<IcsFile> {
    const session = await this.ds
      .getRepository(Session)
      .findOne({ where: { id: sessionId }, relations: { program: true } });
    if (!session || !session.program) throw notFound('Session', sessionId);
    if (session.program.status === 'draft' && !(reader.actor && isOrganizer(reader.actor))) {
      throw notFound('Session', sessionId);
    }
    const lang = reader.lang ?? reader.actor?.language ?? 'ru';
    const speakers = await this.speakerNames([session.id]);
    const event = sessionToIcsEvent(session, lang, { speakerNames: speakers.get(session.id) });
    return {
      filename: sessionIcsFilename(session.id),
      body: serializeCalendar({ prodId: ICS_PRODID, name: event.summary, events: [event] }, now),
    };
  }

  /**
   * The personal feed behind a feed token: every session the person holds a seat or a waitlist
   * place for, plus the ones they were registered to that were then cancelled (STATUS:CANCELLED,
   * so calendar apps remove them). Drafts are left out. In the person's language unless `lang`.
   */
  async personalFeed(token: string | undefined, lang?: Language, now = new Date()): Promise<IcsFile> {
    if (!token) throw unauthorized('Calendar feed token is required (?token=...)');
    const user = await this.identity.userForCalendarFeedToken(token);
    if (user.disabledAt) throw unauthorized('Calendar feed token is invalid or revoked');
    const language = lang ?? user.language;
    const registrations = await this.ds
      .getRepository(Registration)
      .createQueryBuilder('r')
      .innerJoinAndSelect('r.session', 's')
      .innerJoin('s.program', 'p')
      .where('r.userId = :userId', { userId: user.id })
      .andWhere("p.status <> 'draft'")
      .andWhere("(r.status IN ('registered', 'waitlisted') OR s.status = 'cancelled')")
      .orderBy('s.startAt', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .getMany();
    const speakers = await this.speakerNames(registrations.map((r) => r.sessionId));
    const events = registrations.map((r) =>
      sessionToIcsEvent(r.session!, language, {
        speakerNames: speakers.get(r.sessionId),
        waitlisted: r.status === 'waitlisted',
      }),
    );
    return {
      filename: 'qatys-my-sessions.ics',
      body: serializeCalendar(
        {
          prodId: ICS_PRODID,
          name: feedCalendarName(language),
          refreshIntervalMinutes: FEED_REFRESH_MINUTES,
          events,
        },
        now,
      ),
    };
  }

  /** A new feed token; the previous feed URL stops working. */
  issueFeedToken(userId: string): Promise<string> {
    return this.identity.rotateCalendarFeedToken(userId);
  }

  revokeFeedTokens(userId: string): Promise<void> {
    return this.identity.revokeCalendarFeedTokens(userId);
  }

  private async speakerNames(sessionIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (!sessionIds.length) return out;
    const rows = await this.ds.getRepository(SessionSpeaker).find({
      where: { sessionId: In([...new Set(sessionIds)]) },
      relations: { speaker: true },
      order: { position: 'ASC' },
    });
    for (const row of rows) {
      if (!row.speaker) continue;
      out.set(row.sessionId, [...(out.get(row.sessionId) ?? []), row.speaker.fullName]);
    }
    return out;
  }
}
