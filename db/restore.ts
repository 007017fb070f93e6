/** `npm run db:restore -- <file> [--force]`: see db/backup.ts. */
import { runBackupCommand } from "./backup";

runBackupCommand("restore", process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
