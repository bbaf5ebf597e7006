/**
 * The DataSource the TypeORM CLI reads (`npm run migration:generate -- <path>`). Apps build their
 * own from `dataSourceOptions` and register entities through their modules; here entities are
 * found by file name so persistence needs no import of the domain.
 */
import { join } from 'path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

export default new DataSource({
  ...dataSourceOptions({ url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/qatys' }),
  entities: [join(__dirname, '../../domain/src/**/*.entity.{js,ts}')],
});
