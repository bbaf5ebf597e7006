import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, writeFile } from 'fs/promises';
import { createTransport } from 'nodemailer';
import { isAbsolute, join, resolve } from 'path';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import type { EmailMessage } from '@qatys/domain';

interface Sender {
  sendMail(message: Record<string, unknown>): Promise<{ messageId: string; message?: Buffer | string }>;
  close(): void;
}

/**
 * E-mail over SMTP: one pooled nodemailer transport per process (SMTP_POOL_SIZE connections,
 * every network step bounded by DELIVERY_TIMEOUT_SECONDS, so a dead server fails a send instead
 * of holding a job slot). With SMTP_URL empty (development and tests only: the config refuses it
 * in production) each message is written as an .eml file under MAIL_DIR instead.
 */
@Injectable()
export class EmailChannel implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EmailChannel.name);
  private readonly sender: Sender;
  readonly mode: 'smtp' | 'files';
  readonly mailDir: string;

  constructor(@Inject(APP_CONFIG) private readonly config: WorkerConfig) {
    const timeout = config.DELIVERY_TIMEOUT_SECONDS * 1000;
    this.mailDir = isAbsolute(config.MAIL_DIR) ? config.MAIL_DIR : resolve(process.cwd(), config.MAIL_DIR);
    const defaults = { from: config.MAIL_FROM };
    if (config.SMTP_URL) {
      this.mode = 'smtp';
      this.sender = createTransport(
        {
          pool: true,
          url: config.SMTP_URL,
          maxConnections: config.SMTP_POOL_SIZE,
          maxMessages: 1000,
          connectionTimeout: timeout,
          greetingTimeout: timeout,
          socketTimeout: timeout,
          disableFileAccess: true,
          disableUrlAccess: true,
        },
        defaults,
      ) as unknown as Sender;
    } else {
      this.mode = 'files';
      this.sender = createTransport(
        {
          streamTransport: true,
          buffer: true,
          newline: 'unix',
          disableFileAccess: true,
          disableUrlAccess: true,
        },
        defaults,
      ) as unknown as Sender;
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.mode === 'files') {
      await mkdir(this.mailDir, { recursive: true });
      this.logger.warn(`SMTP_URL is empty: e-mails are written as .eml files to ${this.mailDir}`);
    } else {
      this.logger.log(`e-mail over SMTP (pool of ${this.config.SMTP_POOL_SIZE})`);
    }
  }

  async send(m: EmailMessage): Promise<{ ref: string }> {
    const info = await this.sender.sendMail({
      to: { name: m.to.name, address: m.to.address },
      subject: m.subject,
      text: m.text,
      html: m.html,
      messageId: m.messageId,
      headers: m.headers,
      attachments: m.attachments.map((a) => ({
        filename: a.filename,
        content: a.content,
        contentType: a.contentType,
      })),
    });
    if (this.mode === 'smtp') return { ref: info.messageId };
    const file = join(this.mailDir, `${Date.now()}-${m.messageId.replace(/[^A-Za-z0-9._-]+/g, '_')}.eml`);
    await writeFile(file, info.message ?? '');
    return { ref: file };
  }

  onApplicationShutdown(): void {
    this.sender.close();
  }
}
