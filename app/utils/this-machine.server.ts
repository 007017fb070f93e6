/**
 * Whether a request comes from the computer Practica runs on: what "only on this machine"
 * means for the demo accounts (app/modules/auth/demo-accounts.server.ts).
 *
 * A loopback client address alone is not enough: a reverse proxy on the same computer
 * connects from 127.0.0.1 for every visitor. So the request must also carry no forwarding
 * header (a proxy adds one) and name a loopback host (a browser reaching the site by its
 * public name sends that name, and the Origin check needs the proxy to pass it on).
 */

const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-real-ip", "via"];

export function isLoopbackAddress(address: string): boolean {
  const plain = address.replace(/^::ffff:/i, "");
  return plain === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

function isLoopbackHostName(host: string): boolean {
  const name = host
    .replace(/:\d+$/, "")
    .replace(/^\[(.*)\]$/, "$1")
    .toLowerCase();
  return name === "localhost" || name.endsWith(".localhost") || isLoopbackAddress(name);
}

export function isRequestFromThisMachine(request: Request, clientAddress: string): boolean {
  if (!isLoopbackAddress(clientAddress)) return false;
  if (FORWARDING_HEADERS.some((header) => request.headers.has(header))) return false;
  return isLoopbackHostName(request.headers.get("host") ?? "");
}
