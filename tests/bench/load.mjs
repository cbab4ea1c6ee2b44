// The load generator, run as its own process so it does not share the server's event loop.
// Usage: node tests/bench/load.mjs '<json options>'  → prints one JSON line of results.
// Options: { url, connections, durationSeconds, body, headers, uniqueHeader?, overallRate? }: when uniqueHeader
// is set, every request carries a distinct value in it (a fresh X-Shopify-Webhook-Id, say).
import autocannon from "autocannon";
import { randomUUID } from "node:crypto";

const options = JSON.parse(process.argv[2]);
const prefix = randomUUID();
let counter = 0;

const result = await autocannon({
  url: options.url,
  method: "POST",
  connections: options.connections,
  duration: options.durationSeconds,
  pipelining: 1,
  // Open loop: at most this many requests per second over all connections (a delivery rate that
  // does not depend on how fast the app answers); without it each connection sends as fast as answered.
  ...(options.overallRate ? { overallRate: options.overallRate } : {}),
  body: options.body,
  headers: options.headers,
  requests: [
    {
      setupRequest(request) {
        if (!options.uniqueHeader) return request;
        return { ...request, headers: { ...request.headers, [options.uniqueHeader]: `${prefix}-${counter++}` } };
      },
    },
  ],
});

process.stdout.write(
  JSON.stringify({
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    sent: counter,
  }) + "\n",
);
