import type { LoaderFunctionArgs } from "@remix-run/node";
import { getSiteContent } from "~/modules/content/content.server";
import { getMdxScript } from "~/modules/content/mdx-registry.server";
import { notFound } from "~/utils/http.server";

/** Compiled course content as a script (see app/components/mdx-runtime.ts). Public, like the lessons. */
export async function loader({ params }: LoaderFunctionArgs) {
  await getSiteContent();
  const script = getMdxScript(params.codeId ?? "");
  if (!script) throw notFound();
  return new Response(script, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      // The id is a hash of the code: a changed lesson gets a new URL.
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}
