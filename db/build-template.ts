/** `npm run build` step: packs the migrated embedded database template (see template.ts). */
import { createDatabaseTemplate } from "./template";

const file = await createDatabaseTemplate();
console.log(`Embedded database template written to ${file}`);
