/**
 * The baseline of `npm run bench:reminders` part 2: a bare BullMQ worker sending each job's
 * ready-made mail with a pooled nodemailer transport — no Postgres, no re-reading, no ledger.
 */
import { Worker } from 'bullmq';
import { createTransport } from 'nodemailer';

interface MailJob {
  to: string;
  subject: string;
  text: string;
  html: string;
}

const transport = createTransport({
  pool: true,
  url: process.env.BENCH_SMTP_URL!,
  maxConnections: Number(process.env.BENCH_POOL),
  maxMessages: 1000,
});
const worker = new Worker<MailJob>(
  process.env.BENCH_QUEUE!,
  async (job) => {
    await transport.sendMail({ from: 'Qatys <no-reply@qatys.local>', ...job.data });
  },
  {
    connection: { url: process.env.REDIS_URL!, maxRetriesPerRequest: null },
    prefix: process.env.REDIS_PREFIX!,
    concurrency: Number(process.env.BENCH_CONCURRENCY),
  },
);
void worker.waitUntilReady().then(() => process.send!({ ready: true }));
process.on('SIGTERM', () => void worker.close().then(() => (transport.close(), process.exit(0))));
