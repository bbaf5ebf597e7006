import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { pgErrorCode } from '@qatys/persistence';
import type { Actor } from '../shared/actor';
import { conflict, invalid, notFound } from '../shared/domain.errors';
import {
  accountsMatching,
  AccountMatch,
  createAccounts,
  ListedPerson,
  listedPeople,
  peopleWithStatus,
  PersonWrite,
  writePeople,
} from './expected-people.queries';
import { ListScope, managedRegions, resolveScope } from './list-scope';
import {
  csvCells,
  MAX_LISTED_ERRORS,
  ListedPersonRow,
  readPeople,
  RowError,
  rowError,
} from './people-file.policy';
import { xlsxCells } from './people-xlsx';

export type PeopleFile = { format: 'csv'; text: string } | { format: 'xlsx'; data: Buffer };

export interface ImportSummary {
  rows: number;
  added: number;
  updated: number;
  accountsCreated: number;
  accountsMatched: number;
  /** Listed people per region after the import (the expected numbers from now on). */
  regions: { regionId: number; code: string; expected: number }[];
}

/**
 * Expected lists of named people per program or session and region. An import is all or
 * nothing: any bad row (shape, unknown or foreign region, an e-mail and a phone of two different
 * accounts) and the answer lists every one, with nothing written. People already on the list
 * (same account, e-mail or phone) are updated; the others added. Known accounts are matched by
 * e-mail or phone; the rest get an account without a password (set from the invitation).
 */
@Injectable()
export class ExpectedListsService {
  constructor(private readonly ds: DataSource) {}

  async importFile(actor: Actor, scopeRef: ListScope, file: PeopleFile): Promise<ImportSummary> {
    const regions = managedRegions(actor);
    const scope = await resolveScope(this.ds, scopeRef);
    let cells: string[][] | null;
    if (file.format === 'csv') cells = csvCells(file.text);
    else cells = await xlsxCells(file.data);
    if (!cells) throw this.rejected([rowError(1, 'unclosed_quote', 'a quoted field is never closed')]);
    const { rows, errors } = readPeople(cells);
    const regionByCode = await this.activeRegions();
    for (const row of rows) {
      const region = regionByCode.get(row.regionCode);
      if (!region)
        errors.push(
          rowError(row.line, 'region_unknown', `region "${row.regionCode}" does not exist or is retired`, {
            region: row.regionCode,
          }),
        );
      else if (regions && !regions.includes(region.id)) {
        errors.push(
          rowError(row.line, 'region_not_yours', `region ${row.regionCode} is not one of your regions`, {
            region: row.regionCode,
          }),
        );
      }
    }
    if (errors.length) throw this.rejected(errors);

    try {
      return await this.ds.transaction(async (em) => {
        await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
          `expected-list:${scope.type}:${scope.id}`,
        ]);
        const accounts = await accountsMatching(
          em,
          rows.flatMap((r) => (r.email ? [r.email] : [])),
          rows.flatMap((r) => (r.phone ? [r.phone] : [])),
        );
        const matched = this.match(rows, accounts);
        if (matched.errors.length) throw this.rejected(matched.errors);
        const accountsMatched = matched.byLine.size;
        const toCreate = rows.filter((r) => !matched.byLine.has(r.line) && r.email);
        const created = await createAccounts(
          em,
          toCreate.map((r) => ({ ...r, email: r.email!, regionId: regionByCode.get(r.regionCode)!.id })),
        );
        if (created.length < toCreate.length) {
          // Someone took an address or phone meanwhile: match those once more.
          const again = this.match(
            toCreate,
            await accountsMatching(
              em,
              toCreate.map((r) => r.email!),
              toCreate.flatMap((r) => (r.phone ? [r.phone] : [])),
            ),
          );
          if (again.errors.length) throw this.rejected(again.errors);
          for (const [line, id] of again.byLine) matched.byLine.set(line, id);
        } else {
          const byEmail = new Map(created.map((a) => [a.email, a.id]));
          for (const r of toCreate) matched.byLine.set(r.line, byEmail.get(r.email!)!);
        }

        const listed = await listedPeople(em, scope);
        const byUser = new Map(listed.flatMap((p) => (p.user_id ? [[p.user_id, p.id] as const] : [])));
        const byEmail = new Map(listed.flatMap((p) => (p.email ? [[p.email, p.id] as const] : [])));
        const byPhone = new Map(listed.flatMap((p) => (p.phone ? [[p.phone, p.id] as const] : [])));
        const writes: PersonWrite[] = rows.map((r) => {
          const userId = matched.byLine.get(r.line) ?? null;
          const id =
            (userId && byUser.get(userId)) ||
            (r.email && byEmail.get(r.email)) ||
            (r.phone && byPhone.get(r.phone)) ||
            null;
          return { ...r, id, userId, regionId: regionByCode.get(r.regionCode)!.id };
        });
        await writePeople(em, scope, actor.userId, writes);
        const counts: { region_id: number; code: string; n: number }[] = await em.query(
          `SELECT p.region_id, r.code, count(*)::int AS n FROM expected_people p JOIN regions r ON r.id = p.region_id
            WHERE p.scope_type = $1 AND p.scope_id = $2 AND ($3::int[] IS NULL OR p.region_id = ANY($3::int[]))
            GROUP BY 1, 2 ORDER BY 2`,
          [scope.type, scope.id, regions],
        );
        return {
          rows: rows.length,
          added: writes.filter((w) => w.id === null).length,
          updated: writes.filter((w) => w.id !== null).length,
          accountsCreated: created.length,
          accountsMatched,
          regions: counts.map((c) => ({ regionId: c.region_id, code: c.code, expected: c.n })),
        };
      });
    } catch (e) {
      if (pgErrorCode(e) === '23505') {
        throw conflict(
          'list_changed',
          'Someone changed this list or these accounts at the same time: import the file again',
        );
      }
      throw e;
    }
  }

  async list(actor: Actor, scopeRef: ListScope, regionId?: number): Promise<ListedPerson[]> {
    const regions = managedRegions(actor);
    const scope = await resolveScope(this.ds, scopeRef);
    const only = regionId === undefined ? regions : (regions ?? [regionId]).filter((r) => r === regionId);
    return peopleWithStatus(this.ds, scope, only);
  }

  async remove(actor: Actor, scopeRef: ListScope, personId: string): Promise<void> {
    const regions = managedRegions(actor);
    const scope = await resolveScope(this.ds, scopeRef);
    const [, removed] = await this.ds.query(
      `DELETE FROM expected_people WHERE id = $1 AND scope_type = $2 AND scope_id = $3
          AND ($4::int[] IS NULL OR region_id = ANY($4::int[])) RETURNING id`,
      [personId, scope.type, scope.id, regions],
    );
    if (!removed) throw notFound('Expected person', personId);
  }

  /** Rows whose e-mail and phone belong to two different accounts cannot be matched. */
  private match(
    rows: readonly ListedPersonRow[],
    accounts: readonly AccountMatch[],
  ): { byLine: Map<number, string>; errors: RowError[] } {
    const byEmail = new Map(accounts.map((a) => [a.email, a.id]));
    const byPhone = new Map(accounts.flatMap((a) => (a.phone ? [[a.phone, a.id] as const] : [])));
    const byLine = new Map<number, string>();
    const errors: RowError[] = [];
    const lineOfUser = new Map<string, number>();
    for (const r of rows) {
      const e = r.email ? byEmail.get(r.email) : undefined;
      const p = r.phone ? byPhone.get(r.phone) : undefined;
      if (e && p && e !== p) {
        errors.push(
          rowError(
            r.line,
            'accounts_differ',
            `e-mail ${r.email} and phone ${r.phone} belong to two different accounts`,
            { email: r.email!, phone: r.phone! },
          ),
        );
        continue;
      }
      const id = e ?? p;
      if (!id) continue;
      const first = lineOfUser.get(id);
      if (first !== undefined) {
        errors.push(
          rowError(r.line, 'duplicate_person', `duplicate: the same person as on line ${first}`, { first }),
        );
        continue;
      }
      lineOfUser.set(id, r.line);
      byLine.set(r.line, id);
    }
    return { byLine, errors };
  }

  private rejected(errors: RowError[]) {
    errors.sort((a, b) => a.line - b.line);
    const listed = errors.slice(0, MAX_LISTED_ERRORS);
    return invalid(
      'invalid_people_file',
      `The file has ${errors.length} bad row(s); nothing was imported. ` +
        listed
          .slice(0, 20)
          .map((e) => `line ${e.line}: ${e.message}`)
          .join('; ') +
        (errors.length > 20 ? '; …' : ''),
      { errors: listed, total: errors.length },
    );
  }

  private async activeRegions(): Promise<Map<string, { id: number }>> {
    const rows: { id: number; code: string }[] = await this.ds.query(
      `SELECT id, code FROM regions WHERE retired_at IS NULL`,
    );
    return new Map(rows.map((r) => [r.code.toUpperCase(), { id: r.id }]));
  }
}
