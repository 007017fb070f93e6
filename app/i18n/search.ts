/** Registers the search pages' strings (see index.ts): import from every file using them. */
import { searchStrings } from "./en-search";
import { registerStrings } from "./index";

registerStrings({ search: searchStrings });
