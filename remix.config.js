/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // Tests sit beside the modules and routes they check; they are not routes.
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Everything from node_modules stays external (PGlite loads its wasm from its own folder).
  serverDependenciesToBundle: [],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
  },
  watchPaths: ["./db/**/*.ts", "./search/**/*.ts"],
};
