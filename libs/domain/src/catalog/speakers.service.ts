import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../shared/actor';
import { invalid, notFound } from '../shared/domain.errors';
import type { LocalizedText } from '../shared/localized-text';
import { User } from '../identity/user.entity';
import { assertCatalogEditor } from './catalog-access';
import { offsetOf, CatalogPage, PageRequest } from './page';
import { normalizeText } from './program.policy';
import { Speaker } from './speaker.entity';

export const BIO_MAX = 5000;

export interface NewSpeaker {
  fullName: string;
  bio?: LocalizedText;
  affiliation?: string | null;
  /** The speaker's own account, when they sign in (to see and moderate their sessions). */
  userId?: string | null;
}

export type SpeakerPatch = Partial<NewSpeaker>;

@Injectable()
export class SpeakersService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async create(actor: Actor, input: NewSpeaker): Promise<Speaker> {
    assertCatalogEditor(actor);
    const row = await this.ds.getRepository(Speaker).save({
      fullName: requireName(input.fullName),
      bio: normalizeText(input.bio, 'bio', BIO_MAX, false),
      affiliation: input.affiliation?.trim() || null,
      userId: await this.checkedUser(input.userId ?? null),
    });
    return this.get(row.id);
  }

  async list(q: PageRequest & { q?: string }): Promise<CatalogPage<Speaker>> {
    const qb = this.ds.getRepository(Speaker).createQueryBuilder('sp');
    const text = q.q?.trim();
    if (text) {
      const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.where('(sp.full_name ILIKE :like OR sp.affiliation ILIKE :like)', { like });
    }
    const [items, total] = await qb
      .orderBy('sp.full_name', 'ASC')
      .addOrderBy('sp.id', 'ASC')
      .skip(offsetOf(q))
      .take(q.pageSize)
      .getManyAndCount();
    return { items, page: q.page, pageSize: q.pageSize, total };
  }

  async get(id: string): Promise<Speaker> {
    const speaker = await this.ds.getRepository(Speaker).findOneBy({ id });
    if (!speaker) throw notFound('Speaker', id);
    return speaker;
  }

  async update(actor: Actor, id: string, patch: SpeakerPatch): Promise<Speaker> {
    assertCatalogEditor(actor);
    await this.get(id);
    const changes: Partial<Speaker> = {};
    if (patch.fullName !== undefined) changes.fullName = requireName(patch.fullName);
    if (patch.bio !== undefined) changes.bio = normalizeText(patch.bio, 'bio', BIO_MAX, false);
    if (patch.affiliation !== undefined) changes.affiliation = patch.affiliation?.trim() || null;
    if (patch.userId !== undefined) changes.userId = await this.checkedUser(patch.userId);
    if (Object.keys(changes).length) await this.ds.getRepository(Speaker).update({ id }, changes);
    return this.get(id);
  }

  private async checkedUser(userId: string | null): Promise<string | null> {
    if (userId === null) return null;
    if (!(await this.ds.getRepository(User).existsBy({ id: userId }))) {
      throw invalid('unknown_user', `userId: user ${userId} does not exist`);
    }
    return userId;
  }
}

function requireName(name: string): string {
  const t = name.trim();
  if (!t) throw invalid('invalid_text', 'fullName must not be blank');
  if (t.length > 200) throw invalid('invalid_text', 'fullName must be at most 200 characters');
  return t;
}
