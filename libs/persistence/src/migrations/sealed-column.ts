import type { QueryRunner } from 'typeorm';

/**
 * For a migration's down(): refuses to turn a sealed column back into JSON while it holds encrypted values, which
 * SQL cannot decrypt (the keys never reach the database).
 */
export async function refuseIfSealed(q: QueryRunner, table: string, column: string): Promise<void> {
  const sealed = (await q.query(
    `SELECT 1 FROM ${table} WHERE ${column} LIKE 'aesgcm:%' LIMIT 1`,
  )) as unknown[];
  if (sealed.length > 0) {
    throw new Error(`${table}.${column} holds encrypted values, which SQL cannot turn back into JSON`);
  }
}
