import { describe, expect, it } from "vitest";
import { isLoopbackAddress, isRequestFromThisMachine } from "./this-machine.server";

function request(host: string, headers: Record<string, string> = {}) {
  return new Request(`http://${host}/sign-in`, { method: "POST", headers: { host, ...headers } });
}

describe("isRequestFromThisMachine", () => {
  it("accepts a loopback client that names a loopback host", () => {
    expect(isRequestFromThisMachine(request("localhost:3000"), "127.0.0.1")).toBe(true);
    expect(isRequestFromThisMachine(request("127.0.0.1:3000"), "::ffff:127.0.0.1")).toBe(true);
    expect(isRequestFromThisMachine(request("[::1]:3000"), "::1")).toBe(true);
    expect(isRequestFromThisMachine(request("practica.localhost"), "127.0.0.1")).toBe(true);
  });

  it("refuses another address", () => {
    expect(isRequestFromThisMachine(request("localhost:3000"), "192.168.1.20")).toBe(false);
    expect(isRequestFromThisMachine(request("localhost:3000"), "unknown")).toBe(false);
    expect(isLoopbackAddress("128.0.0.1")).toBe(false);
    expect(isLoopbackAddress("::ffff:10.0.0.1")).toBe(false);
  });

  it("refuses a request that came through a proxy on this machine", () => {
    expect(isRequestFromThisMachine(request("localhost:3000", { "x-forwarded-for": "203.0.113.5" }), "127.0.0.1")).toBe(false);
    expect(isRequestFromThisMachine(request("localhost:3000", { forwarded: "for=203.0.113.5" }), "127.0.0.1")).toBe(false);
    expect(isRequestFromThisMachine(request("localhost:3000", { "x-real-ip": "203.0.113.5" }), "127.0.0.1")).toBe(false);
    expect(isRequestFromThisMachine(request("localhost:3000", { via: "1.1 nginx" }), "127.0.0.1")).toBe(false);
    // A proxy passing the public host name on, as the Origin check requires.
    expect(isRequestFromThisMachine(request("learn.example.org"), "127.0.0.1")).toBe(false);
    expect(isRequestFromThisMachine(request("localhost.example.org"), "127.0.0.1")).toBe(false);
  });
});
