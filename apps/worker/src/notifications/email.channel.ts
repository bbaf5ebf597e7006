import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, writeFile } from 'fs/promises';
import { createTransport } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { isAbsolute, join, resolve } from 'path';
import { APP_CONFIG, WorkerConfig } from '@qatys/config';
import type { EmailMessage } from '@qatys/domain';
import { encodeAddress, encodeText, needsEncoding, replaceHeaders } from './mail-headers';

interface Sender {
  sendMail(message: Record<string, unknown>): Promise<{ messageId: string; message?: Buffer | string }>;
  close(): void;
}

/**
 * E-mail over SMTP: one pooled nodemailer transport per process (SMTP_POOL_SIZE connections,
 * every network step bounded by DELIVERY_TIMEOUT_SECONDS, so a dead server fails a send instead
 * of holding a job slot). With SMTP_URL empty (development and tests only: the config refuses it
 * in production) each message is written as an .eml file under MAIL_DIR instead.
 *
 * Messages are composed here and sent as built: the From, To and Subject fields that carry
 * Cyrillic text are written by mail-headers (encoded-words that never cut a word), which
 * nodemailer's own encoding of names does not promise.
 */
@Injectable()
export class EmailChannel implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EmailChannel.name);
  private readonly sender: Sender;
  readonly mode: 'smtp' | 'files';
  readonly mailDir: string;
  private readonly from: { address: string; header: string | null };

  constructor(@Inject(APP_CONFIG) private readonly config: WorkerConfig) {
    const [sender] = addressparser(config.MAIL_FROM, { flatten: true });
    this.from = {
      address: sender?.address || config.MAIL_FROM,
      header:
        sender?.name && needsEncoding(sender.name)
          ? encodeAddress(sender.name, sender.address, 'From')
          : null,
    };
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
    const to = m.to.address;
    const own: Record<string, string> = {};
    if (this.from.header) own.From = this.from.header;
    if (needsEncoding(m.to.name)) own.To = encodeAddress(m.to.name, to, 'To');
    if (needsEncoding(m.subject)) own.Subject = encodeText(m.subject, 'Subject');
    const built = await new MailComposer({
      from: this.from.header ? this.from.address : this.config.MAIL_FROM,
      // Placeholders where our own fields go in (replaceHeaders needs the field to exist).
      to: own.To ? to : { name: m.to.name, address: to },
      subject: own.Subject ? '-' : m.subject,
      text: m.text,
      html: m.html,
      messageId: m.messageId,
      headers: m.headers,
      attachments: m.attachments.map((a) => ({
        filename: a.filename,
        content: a.content,
        contentType: a.contentType,
      })),
      disableFileAccess: true,
      disableUrlAccess: true,
    })
      .compile()
      .build();
    const raw = replaceHeaders(built, own);
    const info = await this.sender.sendMail({ envelope: { from: this.from.address, to: [to] }, raw });
    if (this.mode === 'smtp') return { ref: m.messageId };
    const file = join(this.mailDir, `${Date.now()}-${m.messageId.replace(/[^A-Za-z0-9._-]+/g, '_')}.eml`);
    await writeFile(file, info.message ?? '');
    return { ref: file };
  }

  onApplicationShutdown(): void {
    this.sender.close();
  }
}
