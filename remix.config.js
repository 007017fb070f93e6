/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Tests sit beside the modules and routes they check; they are not routes.
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Everything from node_modules stays external (PGlite loads its wasm from its own folder),
  // except JSON files: Node imports JSON only with an import attribute, which this compiler
  // cannot write.
  serverDependenciesToBundle: [/\.json$/],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Pages carry only their own routes' manifest; the rest is fetched from /__manifest as
    // links appear. Keeps a lesson page's JavaScript under its 100 KB budget.
    v3_lazyRouteDiscovery: true,
  },
  watchPaths: ["./db/**/*.ts", "./search/**/*.ts"],
};
