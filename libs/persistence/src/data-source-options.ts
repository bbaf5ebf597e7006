import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export interface DataSourceSettings {
  url: string;
  poolSize?: number;
  applicationName?: string;
}

/**
 * The one place the connection is described. `synchronize` stays off: every schema change is a
 * migration in ./migrations, listed in order.
 */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    poolSize: settings.poolSize ?? 10,
    applicationName: settings.applicationName ?? 'qatys',
    // Instants are always timestamptz; the session zone is UTC so nothing is shifted by the server.
    uuidExtension: 'pgcrypto',
    extra: { options: '-c TimeZone=UTC' },
  };
}
