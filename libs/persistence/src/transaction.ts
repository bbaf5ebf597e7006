import type { DataSource, EntityManager } from 'typeorm';

/** Retries a serialization failure or deadlock a few times; everything else propagates. */
export async function inTransaction<T>(
  ds: DataSource,
  work: (em: EntityManager) => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await ds.transaction(work);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (i >= attempts || (code !== '40001' && code !== '40P01')) throw e;
    }
  }
}

/** Postgres error code of a failed query (e.g. 23505 unique violation), if any. */
export function pgErrorCode(e: unknown): string | undefined {
  const err = e as { code?: string; driverError?: { code?: string } };
  return err?.driverError?.code ?? err?.code;
}
