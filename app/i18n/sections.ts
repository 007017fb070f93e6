/** Registers the sections strings (see index.ts): import from every file using them. */
import { sectionsStrings } from "./en-sections";
import { registerStrings } from "./index";

registerStrings(sectionsStrings);
