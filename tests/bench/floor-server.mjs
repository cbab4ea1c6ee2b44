// The reference floor for webhook acknowledgements: a plain node:http server that verifies the
// HMAC and commits one row per request to the same kind of database, and nothing else.
// Usage: node tests/bench/floor-server.mjs  (env: PORT, DATABASE_URL, SHOPIFY_API_SECRET)
import http from "node:http";
import { createHmac, timingSafeEqual } from "node:crypto";
import Database from "better-sqlite3";
import pg from "pg";

const secret = process.env.SHOPIFY_API_SECRET;
const url = process.env.DATABASE_URL;
let insert;
if (url.startsWith("file:")) {
  const db = new Database(url.slice("file:".length));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("CREATE TABLE IF NOT EXISTS floor_ack (id TEXT PRIMARY KEY, topic TEXT, payload TEXT, received_at TEXT)");
  const statement = db.prepare("INSERT OR IGNORE INTO floor_ack VALUES (?, ?, ?, ?)");
  insert = async (id, topic, payload) => statement.run(id, topic, payload, new Date().toISOString());
} else {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query("CREATE TABLE IF NOT EXISTS floor_ack (id TEXT PRIMARY KEY, topic TEXT, payload TEXT, received_at TIMESTAMPTZ)");
  insert = (id, topic, payload) =>
    pool.query("INSERT INTO floor_ack VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING", [id, topic, payload]);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", async () => {
    const body = Buffer.concat(chunks);
    const expected = createHmac("sha256", secret).update(body).digest();
    const given = Buffer.from(String(req.headers["x-shopify-hmac-sha256"] ?? ""), "base64");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res.writeHead(401).end();
      return;
    }
    try {
      await insert(String(req.headers["x-shopify-webhook-id"]), String(req.headers["x-shopify-topic"]), body.toString("utf8"));
      res.writeHead(200).end();
    } catch {
      res.writeHead(500).end();
    }
  });
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("ready\n"));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
