/** Registers the strings of certificates, my learning, the notebook and the glossary (see index.ts). */
import { learningStrings } from "./en-learning";
import { registerStrings } from "./index";

registerStrings(learningStrings);
