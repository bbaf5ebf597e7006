import { INestApplicationContext, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import type { IncomingMessage } from 'http';
import type Redis from 'ioredis';
import type { GatewayConfig } from '@qatys/config';
import { LIVE_NAMESPACE } from '@qatys/contracts';
import { createRedis } from '@qatys/persistence';
import { Server, ServerOptions } from 'socket.io';
import { originAllowed } from './origin.policy';
import { socketAuth } from './socket-auth';

export { LIVE_NAMESPACE };
/** Socket.IO's default is 1 MB per message; live events are small, and big frames cost every node. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/**
 * Socket.IO across gateway processes: events to rooms reach sockets on every node through Redis
 * pub/sub (channels prefixed with REDIS_PREFIX). It also caps message size, restricts origins
 * and authenticates every connection to /live in middleware.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly logger = new Logger(RedisIoAdapter.name);
  private pub?: Redis;
  private sub?: Redis;

  constructor(
    app: INestApplicationContext,
    private readonly config: GatewayConfig,
    private readonly jwt: JwtService,
  ) {
    super(app);
  }

  /** Opens the pub/sub pair; call before app.useWebSocketAdapter(). */
  async connect(): Promise<void> {
    this.pub = createRedis(this.config.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: true });
    this.sub = this.pub.duplicate();
    this.keepPublishFailuresHandled(this.pub);
    await Promise.all([this.pub.connect(), this.sub.connect()]);
  }

  /**
   * The adapter publishes every broadcast without looking at the result: with Redis gone (or the
   * client closed during a stop) each one would be an unhandled rejection, which ends a Node
   * process. A broadcast that cannot reach the other processes is logged instead (at most one
   * line per 5 s); this process's own sockets still get it.
   */
  private keepPublishFailuresHandled(pub: Redis): void {
    const publish = pub.publish.bind(pub) as (...args: unknown[]) => Promise<number>;
    let lastLog = 0;
    let missed = 0;
    (pub as unknown as { publish: (...args: unknown[]) => Promise<number> }).publish = (...args) => {
      const sent = publish(...args);
      sent.catch((e: Error) => {
        missed++;
        if (Date.now() - lastLog < 5000) return;
        lastLog = Date.now();
        this.logger.warn(`${missed} broadcast(s) not published to the other gateways: ${e.message}`);
        missed = 0;
      });
      return sent;
    };
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    if (!this.pub || !this.sub) throw new Error('RedisIoAdapter.connect() must be awaited first');
    const allowed = this.config.GATEWAY_ALLOWED_ORIGINS;
    const server: Server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: MAX_MESSAGE_BYTES,
      // No allowed origins: no CORS layer at all (same-host clients need none; others are refused below).
      ...(allowed.length ? { cors: { origin: [...allowed] } } : {}),
      allowRequest: (
        req: IncomingMessage,
        callback: (err: string | null | undefined, success: boolean) => void,
      ) => {
        const ok = originAllowed(req.headers.origin, req.headers.host, allowed);
        callback(ok ? null : 'origin not allowed', ok);
      },
    });
    server.adapter(createAdapter(this.pub, this.sub, { key: `${this.config.REDIS_PREFIX}:socket.io` }));
    // Only /live is served; the default namespace would otherwise accept anyone.
    server.of('/').use((_socket, next) => next(new Error(`unknown namespace: connect to ${LIVE_NAMESPACE}`)));
    server.of(LIVE_NAMESPACE).use(socketAuth(this.jwt));
    return server;
  }

  /**
   * Nest wires @SubscribeMessage handlers per socket with rxjs (and keeps a disconnect stream per
   * socket even when there are none). The live gateway routes its events itself, so a socket
   * with no Nest handlers gets nothing here: less heap and work per connection.
   */
  override bindMessageHandlers(...args: Parameters<IoAdapter['bindMessageHandlers']>): void {
    if (!args[1].length) return;
    super.bindMessageHandlers(...args);
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all(
      [this.pub, this.sub].map((c) =>
        c?.quit().catch((e: Error) => this.logger.warn(`redis quit: ${e.message}`)),
      ),
    );
    this.pub = this.sub = undefined;
  }
}
