/** Registers the toolkit community's strings (see index.ts): import from every file using them. */
import { registerStrings } from "./index";
import { toolkitCommunityStrings } from "./en-toolkit-community";

registerStrings({ toolkitCommunity: toolkitCommunityStrings });
