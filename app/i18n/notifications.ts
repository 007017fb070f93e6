/** Registers the notifications area's strings (see index.ts): import from every file using them. */
import { notificationsStrings } from "./en-notifications";
import { registerStrings } from "./index";

registerStrings(notificationsStrings);
