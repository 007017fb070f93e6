/** Registers the vocabulary strings (see index.ts): import from every file using them. */
import { vocabularyStrings } from "./en-vocabulary";
import { registerStrings } from "./index";

registerStrings(vocabularyStrings);
