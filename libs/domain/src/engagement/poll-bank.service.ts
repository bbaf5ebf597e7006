import { Injectable } from '@nestjs/common';
import type { PollDefinition } from '@qatys/contracts';
import { DataSource } from 'typeorm';
import { Program } from '../catalog/program.entity';
import { assertCatalogEditor } from '../catalog/catalog-access';
import type { Actor } from '../shared/actor';
import { DomainError, forbidden, notFound } from '../shared/domain.errors';
import { LiveAccessService } from '../attendance/live-access.service';
import { pollShape } from './poll.policy';
import { BankItem, deleteBankItem, insertBankItem, programBank, updateBankItem } from './poll-bank.queries';

const itemNotFound = (id: string) =>
  new DomainError('not_found', 'bank_item_not_found', `Poll bank item ${id} not found in this program`);

/**
 * A program's poll bank: polls and quiz questions prepared before the sessions (kk/ru/en),
 * opened in any of the program's sessions from the console. Organizers and admins keep it;
 * editing an item changes only polls made from it later (a poll copies its definition).
 */
@Injectable()
export class PollBankService {
  constructor(
    private readonly ds: DataSource,
    private readonly access: LiveAccessService,
  ) {}

  async list(actor: Actor, programId: string): Promise<BankItem[]> {
    assertCatalogEditor(actor);
    await this.assertProgram(programId);
    return programBank(this.ds, programId);
  }

  async add(actor: Actor, programId: string, d: PollDefinition): Promise<BankItem> {
    assertCatalogEditor(actor);
    await this.assertProgram(programId);
    return insertBankItem(this.ds, programId, pollShape(d), actor.userId);
  }

  async replace(actor: Actor, programId: string, itemId: string, d: PollDefinition): Promise<BankItem> {
    assertCatalogEditor(actor);
    const shape = pollShape(d);
    const item = await updateBankItem(this.ds, itemId, programId, shape);
    if (!item) throw itemNotFound(itemId);
    return item;
  }

  async remove(actor: Actor, programId: string, itemId: string): Promise<void> {
    assertCatalogEditor(actor);
    if (!(await deleteBankItem(this.ds, itemId, programId))) throw itemNotFound(itemId);
  }

  /** The staff of a session (moderators and speakers too) read its program's bank to open an item. */
  async listForSession(actor: Actor, sessionId: string): Promise<BankItem[]> {
    const { staff, session } = await this.access.readAccess(
      {
        userId: actor.userId,
        staff: { roles: actor.roles, coordinatorRegionIds: actor.coordinatorRegionIds },
      },
      sessionId,
    );
    if (!staff) throw forbidden("Only the staff of the session read its program's poll bank");
    return programBank(this.ds, session.programId);
  }

  private async assertProgram(id: string): Promise<void> {
    if (!(await this.ds.getRepository(Program).existsBy({ id }))) throw notFound('Program', id);
  }
}
