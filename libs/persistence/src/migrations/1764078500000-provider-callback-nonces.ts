import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Nonces of signed provider callbacks (issue 9.15): a callback whose (provider, nonce) is already here is a
 * replay and is refused. The primary key is what makes two racing copies of one callback fail but one: both
 * INSERT, only one row can exist. A row is needed only while its signed timestamp is inside the callback window
 * (after that the timestamp alone refuses it), so `expires_at` is that moment and older rows are deleted.
 */
export class ProviderCallbackNonces1764078500000 implements MigrationInterface {
  name = 'ProviderCallbackNonces1764078500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE provider_callback_nonce (
        provider text NOT NULL,
        nonce text NOT NULL,
        seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        CONSTRAINT pk_provider_callback_nonce PRIMARY KEY (provider, nonce)
      )`);
    await q.query(`CREATE INDEX ix_provider_callback_nonce_expiry ON provider_callback_nonce (expires_at)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE provider_callback_nonce`);
  }
}
