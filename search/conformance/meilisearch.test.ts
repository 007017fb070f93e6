/**
 * The conformance suite against a real Meilisearch, when MEILI_HOST names one (MEILI_API_KEY if
 * it needs a key). It uses an index of its own and deletes it afterwards.
 * Without MEILI_HOST every test is reported as skipped, and the reason is printed.
 */
import { afterAll } from "vitest";
import {
  createMeilisearchEngine,
  type MeilisearchSearchEngine,
} from "../meilisearch/meilisearch-engine";
import { runConformanceSuite } from "./conformance";

const host = process.env.MEILI_HOST || undefined;
const apiKey = process.env.MEILI_API_KEY || undefined;

if (!host) {
  console.log(
    "Meilisearch conformance suite SKIPPED: set MEILI_HOST (and MEILI_API_KEY) to run it",
  );
}

let engine: MeilisearchSearchEngine | undefined;

runConformanceSuite(
  "meilisearch",
  () => {
    engine = createMeilisearchEngine({
      host: host ?? "",
      ...(apiKey ? { apiKey } : {}),
      indexName: `practica_conformance_${process.pid}_${Date.now()}`,
    });
    return engine;
  },
  { skip: !host },
);

afterAll(async () => {
  await engine?.deleteIndex();
});
