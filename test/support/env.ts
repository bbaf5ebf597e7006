/**
 * Where the test run's own stores are. Global setup fills these in; every suite reads them.
 * A run never uses the databases or Redis keys of `npm start`.
 */
export const testEnv = {
  get runId(): string {
    return required('QATYS_TEST_RUN');
  },
  get adminUrl(): string {
    return required('QATYS_TEST_PG_ADMIN_URL');
  },
  get templateDb(): string {
    return required('QATYS_TEST_TEMPLATE_DB');
  },
  get redisUrl(): string {
    return required('QATYS_TEST_REDIS_URL');
  },
  get redisPrefix(): string {
    return required('QATYS_TEST_REDIS_PREFIX');
  },
};

function required(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the suites through jest's global setup (npm test)`);
  return v;
}

export function dbUrl(adminUrl: string, db: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${db}`;
  return u.toString();
}
