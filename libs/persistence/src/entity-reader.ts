import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * An entity's columns read by hand-written SQL: `select` is the column list for a table alias
 * (`s."start_at" AS "s__start_at", ...`), and `read` turns such a row back into the entity, each
 * value through the driver's own conversion (a `date` column stays a 'YYYY-MM-DD' string, as
 * TypeORM gives it). For the few statements a crowd runs thousands of times: TypeORM's query
 * builder spent longer writing the SQL of a registration's one read than Postgres took to run it
 * (bench:national, 2026-12-06). Columns marked `select: false` are left out, as TypeORM does.
 */
export interface EntityReader<T> {
  select: string;
  read(row: Record<string, unknown>): T;
}

export function entityReader<T extends ObjectLiteral>(
  ds: DataSource,
  target: EntityTarget<T>,
  alias: string,
): EntityReader<T> {
  const meta = ds.getMetadata(target);
  const columns = meta.columns.filter((c) => c.isSelect && !c.isVirtual);
  const key = (databaseName: string) => `${alias}__${databaseName}`;
  return {
    select: columns.map((c) => `${alias}."${c.databaseName}" AS "${key(c.databaseName)}"`).join(', '),
    read(row) {
      const entity = meta.create() as T;
      for (const c of columns)
        c.setEntityValue(entity, ds.driver.prepareHydratedValue(row[key(c.databaseName)], c));
      return entity;
    },
  };
}

/**
 * `make` run once per data source, its result kept: for a hand-written statement and its readers,
 * which need the data source's metadata and are the same for every call.
 */
export function perDataSource<T>(make: (ds: DataSource) => T): (ds: DataSource) => T {
  const made = new WeakMap<DataSource, T>();
  return (ds) => {
    let value = made.get(ds);
    if (value === undefined) {
      value = make(ds);
      made.set(ds, value);
    }
    return value;
  };
}
