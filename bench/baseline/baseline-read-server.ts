// The baseline for a case read: a bare Node HTTP server answering GET /cases/:id with the same read-model row
// the product serves, through one pg pool. No framework, no auth, no audit: the floor a case read can reach.
import { createServer } from 'node:http';
import { Pool } from 'pg';

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const server = createServer((req, res) => {
  const match = /^\/cases\/([0-9a-f-]{36})$/.exec(req.url ?? '');
  if (!match) return void res.writeHead(404).end();
  pool
    .query('SELECT id, stage, status, assignee, opened_at, last_event_seq FROM vetting_case WHERE id = $1', [
      match[1],
    ])
    .then((result) => {
      if (result.rowCount === 0) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result.rows[0]));
    })
    .catch(() => res.writeHead(500).end());
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('baseline read server listening'));
process.once('SIGTERM', () => server.close(() => void pool.end()));
