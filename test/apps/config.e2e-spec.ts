import { spawn } from 'child_process';
import { join } from 'path';

const ROOT = join(__dirname, '../..');

/** Starts an app's real entry point with exactly these variables; resolves its exit code and stderr. */
function startApp(
  app: 'api' | 'worker' | 'gateway',
  vars: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', join(ROOT, 'scripts/lib/ts-register.js'), join(ROOT, `apps/${app}/src/main.ts`)],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...vars }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout.resume();
    const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('configuration at start-up (e2e, real processes)', () => {
  it('api refuses to start, naming each bad or missing variable', async () => {
    const { code, stderr } = await startApp('api', { API_PORT: 'abc', DEFAULT_TIME_ZONE: 'Asia/Nowhere' });
    expect(code).toBe(78);
    expect(stderr).toContain('[api] refusing to start. Invalid configuration:');
    expect(stderr).toContain('API_PORT must be an integer between 0 and 65535 (got "abc")');
    expect(stderr).toContain('DEFAULT_TIME_ZONE must be an IANA time zone (got "Asia/Nowhere")');
    expect(stderr).toMatch(/JWT_SECRET is required/);
  });

  it('worker refuses to start on a bad port or a non-Redis URL, without echoing the URL', async () => {
    const { code, stderr } = await startApp('worker', {
      WORKER_HEALTH_PORT: '99999',
      REDIS_URL: 'http://user:hunter2@cache.example:6379',
    });
    expect(code).toBe(78);
    expect(stderr).toContain('[worker] refusing to start.');
    expect(stderr).toContain('WORKER_HEALTH_PORT must be an integer between 0 and 65535 (got "99999")');
    expect(stderr).toContain('REDIS_URL must use redis or rediss://');
    expect(stderr).not.toContain('hunter2');
  });

  it('gateway refuses a short JWT secret without printing it', async () => {
    const { code, stderr } = await startApp('gateway', { JWT_SECRET: 'tooshort-s3cr3t' });
    expect(code).toBe(78);
    expect(stderr).toContain('[gateway] refusing to start.');
    expect(stderr).toContain('JWT_SECRET must be at least 32 characters long');
    expect(stderr).not.toContain('tooshort-s3cr3t');
  });
});
