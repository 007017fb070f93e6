export * from "./accounts";
export * from "./discussions";
export * from "./learning";
export * from "./search";
export * from "./toolkit";
