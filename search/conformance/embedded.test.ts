/** The conformance suite against the embedded (MiniSearch) engine: always runs. */
import { createEmbeddedSearchEngine } from "../embedded/embedded-engine";
import { runConformanceSuite } from "./conformance";

runConformanceSuite("embedded", () => createEmbeddedSearchEngine());
