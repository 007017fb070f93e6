/** Registers the toolkit pages' strings (see index.ts): import from every file using them. */
import { toolkitStrings } from "./en-toolkit";
import { registerStrings } from "./index";

registerStrings(toolkitStrings);
