/** Registers the home page's strings (see index.ts). */
import { homeStrings } from "./en-home";
import { registerStrings } from "./index";

registerStrings(homeStrings);
