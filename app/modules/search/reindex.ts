/**
 * `npm run search:reindex`: rebuilds the search index of the engine the environment selects
 * from the database and the content files.
 *
 * With Meilisearch (MEILI_HOST set) this empties the index and fills it again; searches find
 * fewer results until it finishes. With the embedded engine the index lives in the server's
 * memory and the server rebuilds it at every start, so this run can only check that every
 * document builds and indexes; it leaves the queue to the running server.
 */
import { migrateDatabase } from "../../../db/migrate";
import { runAsScript } from "../../../db/script";

runAsScript(import.meta.url, async (handle, env) => {
  const { setDatabaseHandle } = await import("~/utils/db.server");
  setDatabaseHandle(handle);
  await migrateDatabase(handle);
  const { getSearchEngine } = await import("./engine.server");
  const engine = getSearchEngine();

  if (engine.name === "embedded") {
    const { buildAllSearchDocuments } = await import("./documents.server");
    const { indexInBatches } = await import("./reindex.server");
    const started = performance.now();
    const documents = await buildAllSearchDocuments();
    await indexInBatches(documents);
    console.log(
      [
        `Built and indexed ${documents.length} documents in ${Math.round(performance.now() - started)} ms, in this process only.`,
        "The embedded search engine keeps its index in the server's memory, and the server rebuilds it",
        "from the database and content at every start: nothing else to do. This command rebuilds a",
        "Meilisearch index: set MEILI_HOST (and MEILI_API_KEY) to use it.",
      ].join("\n"),
    );
    return;
  }

  console.log(`Rebuilding Meilisearch index "${env.MEILI_INDEX}" at ${env.MEILI_HOST ?? ""}…`);
  const { reindexSearch } = await import("./reindex.server");
  const result = await reindexSearch();
  console.log(
    `Indexed ${result.documents} documents in ${result.ms} ms; ${result.clearedQueueRows} queued change(s) covered. ` +
      "Changes queued meanwhile stay in the queue for the server's worker.",
  );
});
