import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { domainEvent, recordEvents } from '../events/domain-events';
import { Actor } from '../shared/actor';
import { conflict, invalid, notFound } from '../shared/domain.errors';
import type { LocalizedText } from '../shared/localized-text';
import { assertCatalogEditor } from './catalog-access';
import { placeAt, removeFrom } from './ordering.policy';
import { normalizeText } from './program.policy';
import { renumber } from './program.queries';
import { DESCRIPTION_MAX, TITLE_MAX } from './programs.service';
import { loadSections, SectionReadModel } from './session.read-model';
import { Section } from './session.entity';
import { assertCapacity, assertSessionEditable, capacityRaised } from './session.policy';
import { checkedCapacity, lockSession, SessionsService } from './sessions.service';
import { Speaker } from './speaker.entity';

export interface NewSection {
  title: LocalizedText;
  description?: LocalizedText;
  leadSpeakerId?: string | null;
  capacity?: number | null;
  position?: number;
}

export type SectionPatch = Partial<NewSection>;

/**
 * Parallel tracks of one session (the forum's four sections), each with a lead, its own capacity
 * and its own registrations. Every change takes the session's row lock, the same lock the
 * registration engine takes, so section capacities and seat counts never race.
 */
@Injectable()
export class SectionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly sessions: SessionsService,
  ) {}

  async list(actor: Actor, sessionId: string): Promise<SectionReadModel[]> {
    // Readers of the session (and only they) read its sections.
    await this.sessions.get(actor, sessionId);
    return loadSections(this.ds.manager, sessionId);
  }

  async create(actor: Actor, sessionId: string, input: NewSection): Promise<SectionReadModel> {
    assertCatalogEditor(actor);
    const title = normalizeText(input.title, 'title', TITLE_MAX, true);
    const description = normalizeText(input.description, 'description', DESCRIPTION_MAX, false);
    const capacity = checkedCapacity(input.capacity ?? null);
    const id = await this.ds.transaction(async (em) => {
      const session = await lockSession(em, sessionId);
      assertSessionEditable(session.status);
      const leadSpeakerId = await checkedSpeaker(em, input.leadSpeakerId ?? null);
      const current = await sectionIds(em, sessionId);
      const NEW = '';
      const order = placeAt(current, NEW, input.position);
      const created = await em.save(Section, {
        sessionId,
        title,
        description,
        leadSpeakerId,
        capacity,
        position: current.length + 1,
      });
      await renumber(
        em,
        'sections',
        order.map((x) => (x === NEW ? created.id : x)),
      );
      return created.id;
    });
    return this.one(sessionId, id);
  }

  async update(
    actor: Actor,
    sessionId: string,
    sectionId: string,
    patch: SectionPatch,
  ): Promise<SectionReadModel> {
    assertCatalogEditor(actor);
    await this.ds.transaction(async (em) => {
      const session = await lockSession(em, sessionId);
      assertSessionEditable(session.status);
      const section = await em.findOneBy(Section, { id: sectionId, sessionId });
      if (!section) throw notFound('Section', sectionId);
      const changes: Partial<Section> = {};
      if (patch.title !== undefined) changes.title = normalizeText(patch.title, 'title', TITLE_MAX, true);
      if (patch.description !== undefined) {
        changes.description = normalizeText(patch.description, 'description', DESCRIPTION_MAX, false);
      }
      if (patch.leadSpeakerId !== undefined)
        changes.leadSpeakerId = await checkedSpeaker(em, patch.leadSpeakerId);
      if (patch.capacity !== undefined) {
        changes.capacity = checkedCapacity(patch.capacity);
        assertCapacity(changes.capacity, section.registeredCount, 'section');
      }
      if (patch.position !== undefined) {
        await renumber(em, 'sections', placeAt(await sectionIds(em, sessionId), sectionId, patch.position));
      }
      if (Object.keys(changes).length) await em.update(Section, { id: sectionId }, changes);
      // More seats in the section: its waitlist moves up (outbox), as for a session's capacity.
      if (changes.capacity !== undefined && capacityRaised(section.capacity, changes.capacity)) {
        await recordEvents(em, [
          domainEvent('session.capacity_raised', sessionId, {
            sessionId,
            sectionId,
            capacity: changes.capacity,
          }),
        ]);
      }
    });
    return this.one(sessionId, sectionId);
  }

  /** Refused while anyone holds a seat or a waitlist place in the section. */
  async remove(actor: Actor, sessionId: string, sectionId: string): Promise<void> {
    assertCatalogEditor(actor);
    await this.ds.transaction(async (em) => {
      const session = await lockSession(em, sessionId);
      assertSessionEditable(session.status);
      if (!(await em.existsBy(Section, { id: sectionId, sessionId }))) throw notFound('Section', sectionId);
      const [{ n }]: { n: number }[] = await em.query(
        `SELECT count(*)::int AS n FROM registrations WHERE section_id = $1 AND status <> 'cancelled'`,
        [sectionId],
      );
      if (n > 0) {
        throw conflict(
          'section_has_registrations',
          `Section ${sectionId} has ${n} active registration(s); move or cancel them before deleting it`,
          { registrations: n },
        );
      }
      await em.delete(Section, { id: sectionId });
      await renumber(em, 'sections', removeFrom(await sectionIds(em, sessionId), sectionId));
    });
  }

  private async one(sessionId: string, sectionId: string): Promise<SectionReadModel> {
    const all = await loadSections(this.ds.manager, sessionId);
    const found = all.find((s) => s.id === sectionId);
    if (!found) throw notFound('Section', sectionId);
    return found;
  }
}

async function sectionIds(em: EntityManager, sessionId: string): Promise<string[]> {
  const rows = await em.find(Section, {
    where: { sessionId },
    select: { id: true },
    order: { position: 'ASC', createdAt: 'ASC' },
  });
  return rows.map((r) => r.id);
}

async function checkedSpeaker(em: EntityManager, id: string | null): Promise<string | null> {
  if (id === null) return null;
  if (!(await em.existsBy(Speaker, { id })))
    throw invalid('unknown_speaker', `leadSpeakerId: speaker ${id} does not exist`);
  return id;
}
