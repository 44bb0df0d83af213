/**
 * The raw anchor of the embedded bench: what node:http and better-sqlite3 alone do with the same
 * request. It reads the JSON body, checks the fields the product requires, and inserts one row
 * per report into a SQLite file in WAL mode with synchronous=FULL, answering 201 with an id:
 * no framework, no token, no validation library, no events, no hash chain, no read side.
 * Started as its own process, as the system is: `node -r @swc-node/register raw-http-server.ts <port> <file>`.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import Database from 'better-sqlite3';

const [port, file] = process.argv.slice(2);
const db = new Database(file ?? ':memory:');
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE IF NOT EXISTS reports (id TEXT PRIMARY KEY, compound_id TEXT NOT NULL, category TEXT NOT NULL, body TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO reports (id, compound_id, category, body) VALUES (?, ?, ?, ?)');

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/ready') return void response.end('ok');
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      response.writeHead(400).end('{"error":"malformed JSON"}');
      return;
    }
    if (typeof body['compoundId'] !== 'string' || typeof body['category'] !== 'string' || typeof body['description'] !== 'string') {
      response.writeHead(400).end('{"error":"compoundId, category and description are required"}');
      return;
    }
    const id = randomUUID();
    insert.run(id, body['compoundId'], body['category'], text);
    response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id }));
  });
});
server.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => db.close()));
