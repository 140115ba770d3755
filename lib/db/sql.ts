import type { Pool, PoolConnection } from "mysql2/promise";

/** Helpers for the plain mysql2 pools (the bulk reads and writes that bypass Prisma). */

/** `items` in consecutive slices of at most `size` (bulk statements stay under the packet limit). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}

/**
 * Runs `work` in one transaction on a connection of `pool`: committed when it resolves, rolled back when
 * it throws (the work's error is rethrown, not a failed rollback's), the connection released either way.
 */
export async function inTransaction<T>(
  pool: Pool,
  work: (connection: PoolConnection) => Promise<T>,
): Promise<T> {
  const connection = await pool.getConnection();
  try {
    await connection.beginTransaction();
    const result = await work(connection);
    await connection.commit();
    return result;
  } catch (error) {
    await connection.rollback().catch(() => {});
    throw error;
  } finally {
    connection.release();
  }
}
