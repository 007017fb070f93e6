import { readFile } from "node:fs/promises";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getContentDir } from "~/modules/content/content.server";
import { getCourse } from "~/modules/courses/courses.server";
import { notFound } from "~/utils/http.server";

const CONTENT_TYPES: Record<string, string> = {
  svg: "image/svg+xml",
  png: "image/png",
  jpg: "image/jpeg",
  webp: "image/webp",
};

/** Images beside a course's lessons (content/courses/<course>/images), for <Figure>. Public. */
export async function loader({ params }: LoaderFunctionArgs) {
  const course = await getCourse(params.courseSlug ?? "");
  const match = /^[a-z0-9]+(?:-[a-z0-9]+)*\.(svg|png|jpg|webp)$/.exec(params.fileName ?? "");
  const contentType = match?.[1] ? CONTENT_TYPES[match[1]] : undefined;
  if (!course || !match || !contentType) throw notFound();
  let body: Buffer;
  try {
    body = await readFile(path.join(getContentDir(), "courses", course.slug, "images", match[0]));
  } catch {
    throw notFound();
  }
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": contentType,
      "Cache-Control": "public, max-age=3600",
      // An SVG opened on its own must not run scripts.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}
