// Preloaded (NODE_OPTIONS=--import) into the app process by the backlog benchmark only: measures
// the event-loop delay of the thread that answers HTTP (perf_hooks.monitorEventLoopDelay) and
// serves it on its own loopback port, BENCH_LOOP_PORT: GET /reset starts a window, GET /stats
// reads it (milliseconds). The background thread (server.mjs on SQLite) is not measured.
//
// Node's histogram records, at each tick of a repeating libuv timer, the whole time since the
// previous tick (Histogram::RecordDelta in src/histogram.cc: uv_hrtime() - prev_), not how late the
// tick was: an idle loop reads the resolution itself. The timer ticks every RESOLUTION_MS and
// every figure served has that interval taken off, so 0 means the loop was never held up.
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { isMainThread } from "node:worker_threads";

export const RESOLUTION_MS = 1;

if (isMainThread && process.env.BENCH_LOOP_PORT) {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const delayMs = (ns) => Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 10) / 10);
  const server = http.createServer((req, res) => {
    if (req.url === "/reset") histogram.reset();
    const body = JSON.stringify({ p50: delayMs(histogram.percentile(50)), p99: delayMs(histogram.percentile(99)), max: delayMs(histogram.max), samples: histogram.count });
    res.writeHead(200, { "Content-Type": "application/json" }).end(body);
  });
  server.listen(Number(process.env.BENCH_LOOP_PORT), "127.0.0.1");
  server.unref();
}
