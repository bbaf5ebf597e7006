import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { User } from '../identity/user.entity';
import { Actor, hasRole } from '../shared/actor';
import { forbidden, invalid, notFound } from '../shared/domain.errors';
import { WebhookEndpoint } from './notification.entity';
import { newWebhookSecret } from './webhook-signature';

export interface NewWebhookEndpoint {
  url: string;
  description?: string | null;
  /** Admins only: another organization than their own. */
  organizationId?: string;
}

export interface WebhookEndpointPatch {
  url?: string;
  description?: string | null;
  active?: boolean;
}

/** An endpoint with its secret: returned only when the secret is created or rotated. */
export type WebhookEndpointWithSecret = WebhookEndpoint & { secret: string };

export const MAX_WEBHOOK_ENDPOINTS = 10;

/**
 * Webhook endpoints of an organization, managed by its organizers (admins: any organization).
 * Someone else's endpoint is a 404, as if it did not exist.
 */
@Injectable()
export class WebhookEndpointsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async list(actor: Actor, organizationId?: string): Promise<WebhookEndpoint[]> {
    const org = await this.organizationOf(actor, organizationId);
    return this.ds
      .getRepository(WebhookEndpoint)
      .find({ where: { organizationId: org }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async create(actor: Actor, input: NewWebhookEndpoint): Promise<WebhookEndpointWithSecret> {
    const org = await this.organizationOf(actor, input.organizationId);
    const url = checkedUrl(input.url);
    const repo = this.ds.getRepository(WebhookEndpoint);
    if ((await repo.countBy({ organizationId: org })) >= MAX_WEBHOOK_ENDPOINTS) {
      throw invalid(
        'too_many_webhooks',
        `An organization may have at most ${MAX_WEBHOOK_ENDPOINTS} webhook endpoints`,
      );
    }
    const secret = newWebhookSecret();
    const saved = await repo.save({
      organizationId: org,
      url,
      secret,
      description: input.description?.trim() || null,
      active: true,
      createdBy: actor.userId,
    });
    return { ...(await repo.findOneByOrFail({ id: saved.id })), secret };
  }

  async update(actor: Actor, id: string, patch: WebhookEndpointPatch): Promise<WebhookEndpoint> {
    const endpoint = await this.own(actor, id);
    const changes: Partial<WebhookEndpoint> = {};
    if (patch.url !== undefined) changes.url = checkedUrl(patch.url);
    if (patch.description !== undefined) changes.description = patch.description?.trim() || null;
    if (patch.active !== undefined) changes.active = patch.active;
    if (Object.keys(changes).length)
      await this.ds.getRepository(WebhookEndpoint).update({ id: endpoint.id }, changes);
    return this.ds.getRepository(WebhookEndpoint).findOneByOrFail({ id });
  }

  async rotateSecret(actor: Actor, id: string): Promise<WebhookEndpointWithSecret> {
    const endpoint = await this.own(actor, id);
    const secret = newWebhookSecret();
    await this.ds.getRepository(WebhookEndpoint).update({ id: endpoint.id }, { secret });
    return { ...(await this.ds.getRepository(WebhookEndpoint).findOneByOrFail({ id })), secret };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const endpoint = await this.own(actor, id);
    await this.ds.getRepository(WebhookEndpoint).delete({ id: endpoint.id });
  }

  private async own(actor: Actor, id: string): Promise<WebhookEndpoint> {
    if (!hasRole(actor, 'admin', 'organizer')) throw forbidden('Only organizers manage webhook endpoints');
    const endpoint = await this.ds.getRepository(WebhookEndpoint).findOneBy({ id });
    if (!endpoint) throw notFound('Webhook endpoint', id);
    if (!hasRole(actor, 'admin') && endpoint.organizationId !== (await this.ownOrganization(actor))) {
      throw notFound('Webhook endpoint', id);
    }
    return endpoint;
  }

  private async organizationOf(actor: Actor, requested: string | undefined): Promise<string> {
    if (!hasRole(actor, 'admin', 'organizer')) throw forbidden('Only organizers manage webhook endpoints');
    const own = await this.ownOrganization(actor);
    if (requested !== undefined && requested !== own) {
      if (!hasRole(actor, 'admin'))
        throw forbidden('Only an admin may manage the webhooks of another organization');
      const exists: unknown[] = await this.ds.query(`SELECT 1 FROM organizations WHERE id = $1`, [requested]);
      if (!exists.length)
        throw invalid('unknown_organization', `organizationId: organization ${requested} does not exist`);
      return requested;
    }
    if (!own)
      throw invalid(
        'organization_required',
        'organizationId is required: your account belongs to no organization',
      );
    return own;
  }

  private async ownOrganization(actor: Actor): Promise<string | null> {
    const user = await this.ds
      .getRepository(User)
      .findOne({ where: { id: actor.userId }, select: { id: true, organizationId: true } });
    return user?.organizationId ?? null;
  }
}

function checkedUrl(raw: string): string {
  const value = raw?.trim() ?? '';
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw invalid(
      'invalid_webhook_url',
      `url must be an absolute http(s) URL (got "${value.slice(0, 100)}")`,
    );
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') {
    throw invalid('invalid_webhook_url', 'url must use http:// or https://');
  }
  if (u.username || u.password) throw invalid('invalid_webhook_url', 'url must not carry credentials');
  if (value.length > 2000) throw invalid('invalid_webhook_url', 'url must be at most 2000 characters');
  return value;
}
