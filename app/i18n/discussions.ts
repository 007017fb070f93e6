/** Registers the discussions' strings (see index.ts): import from every file using them. */
import { registerStrings } from "./index";
import { discussionsStrings } from "./en-discussions";

registerStrings({ discussions: discussionsStrings });
