/** Registers the cohort pages' strings (see index.ts): import from every file using them. */
import { cohortsStrings } from "./en-cohorts";
import { registerStrings } from "./index";

registerStrings(cohortsStrings);
