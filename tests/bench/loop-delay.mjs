// Preloaded (NODE_OPTIONS=--import) into the app process by the backlog benchmark only: measures
// the event-loop delay of the thread that answers HTTP (perf_hooks.monitorEventLoopDelay) and
// serves it on its own loopback port, BENCH_LOOP_PORT: GET /reset starts a window, GET /stats
// reads it (milliseconds). The background thread (server.mjs on SQLite) is not measured.
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { isMainThread } from "node:worker_threads";

if (isMainThread && process.env.BENCH_LOOP_PORT) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const ms = (ns) => Math.round((ns / 1e6) * 10) / 10;
  const server = http.createServer((req, res) => {
    if (req.url === "/reset") histogram.reset();
    const body = JSON.stringify({ p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), samples: histogram.count });
    res.writeHead(200, { "Content-Type": "application/json" }).end(body);
  });
  server.listen(Number(process.env.BENCH_LOOP_PORT), "127.0.0.1");
  server.unref();
}
