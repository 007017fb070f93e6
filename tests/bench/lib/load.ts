/** One autocannon run, reduced to the numbers the bench reports, refusing any non-2xx answer. */
import autocannon from "autocannon";

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  /**
   * Headers added for each connection, the i-th connection taking entry i modulo their number
   * (its own session cookie): many different people rather than one reloading.
   */
  perConnectionHeaders?: Record<string, string>[];
  connections: number;
  durationSec: number;
}

export interface LoadResult {
  url: string;
  connections: number;
  durationSec: number;
  /** Mean requests per second over the run. */
  rps: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  requests: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** Mean bytes per response (headers and body), from autocannon's throughput. */
  bytesPerResponse: number;
}

export class LoadError extends Error {}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const perConnection = options.perConnectionHeaders ?? [];
  let nextConnection = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.durationSec,
    headers: options.headers,
    timeout: 10,
    // autocannon calls this once per connection as it opens; setHeaders replaces them all.
    setupClient:
      perConnection.length > 0
        ? (client) => {
            const own = perConnection[nextConnection++ % perConnection.length];
            client.setHeaders({ ...options.headers, ...own });
          }
        : undefined,
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = stats.count ?? 0;
  const requests = result["2xx"] + result.non2xx;
  return {
    url: options.url,
    connections: options.connections,
    durationSec: options.durationSec,
    rps: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    requests,
    ok2xx: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    bytesPerResponse: requests > 0 ? result.throughput.total / requests : 0,
  };
}

/** Throws unless every response was a 2xx and nothing failed: numbers from error pages mean nothing. */
export function assertAllOk(name: string, load: LoadResult): void {
  if (load.ok2xx > 0 && load.non2xx === 0 && load.errors === 0 && load.timeouts === 0) return;
  throw new LoadError(
    `${name}: not every response was a 2xx — ${load.ok2xx} 2xx, ${load.non2xx} non-2xx, ` +
      `${load.errors} errors, ${load.timeouts} timeouts; status codes ${JSON.stringify(load.statusCodes)} (${load.url})`,
  );
}
