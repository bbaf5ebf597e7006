import { migrate } from '../migrate';

const url = process.env.DATABASE_URL;
if (!url) {
  process.stderr.write('DATABASE_URL is required\n');
  process.exit(78);
}
migrate(url).then(
  (ran) => {
    process.stdout.write(
      ran.length ? `migrations applied: ${ran.join(', ')}\n` : 'database schema is up to date\n',
    );
  },
  (e: Error) => {
    process.stderr.write(`migration failed: ${e.message}\n`);
    process.exit(1);
  },
);
