import { getHealth } from "~/modules/health/health.server";

/** Liveness and readiness for load balancers and people: JSON, 503 when the database is down. */
export async function loader() {
  const health = await getHealth();
  return Response.json(health, {
    status: health.database.reachable ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
