/** Registers the courses strings (see index.ts): import from every file using them. */
import { coursesStrings } from "./en-courses";
import { registerStrings } from "./index";

registerStrings(coursesStrings);
