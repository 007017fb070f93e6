/** Registers the accounts area's strings (see index.ts): import from every file using them. */
import { accountsStrings } from "./en-accounts";
import { registerStrings } from "./index";

registerStrings(accountsStrings);
