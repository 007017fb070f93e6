import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/modules/auth/session.server";

/** Signing out is a POST (a form button), so a link or an image cannot sign anyone out. */
export async function action({ request }: ActionFunctionArgs) {
  return redirect("/", { headers: await endSession(request) });
}

export function loader() {
  return redirect("/");
}
