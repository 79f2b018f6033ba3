import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions of the web service (apps/web), in the shape connect-pg-simple reads and writes. Created here rather
 * than by the library at run time, so the apps never need the right to create tables.
 */
export class WebSessions1764062000000 implements MigrationInterface {
  name = 'WebSessions1764062000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE web_session (
        sid varchar NOT NULL PRIMARY KEY,
        sess json NOT NULL,
        expire timestamptz NOT NULL
      )`);
    // connect-pg-simple prunes expired sessions by this column.
    await q.query(`CREATE INDEX ix_web_session_expire ON web_session (expire)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE web_session`);
  }
}
