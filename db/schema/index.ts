export * from "./accounts";
export * from "./cohorts";
export * from "./discussions";
export * from "./learning";
export * from "./search";
export * from "./toolkit";
export * from "./notifications";
