import { z } from "zod";

/*
 * Zod probes `new Function` when it builds an object schema; our CSP has no 'unsafe-eval',
 * so in browsers the probe was reported as a policy violation. Every schema imports zod from
 * here, so the setting is made before any schema is built, and zod is only sent to pages
 * whose forms validate in the browser.
 */
z.config({ jitless: true });

export { z };
