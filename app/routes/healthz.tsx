import db from "../db.server";

// Liveness and database reachability for load balancers and the test harness.
export const loader = async () => {
  await db.$queryRawUnsafe("SELECT 1");
  return new Response("ok", { headers: { "Content-Type": "text/plain", "Cache-Control": "no-store" } });
};
