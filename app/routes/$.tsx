import { notFound } from "~/utils/http.server";

/** Any path no route claims: a real 404 status, rendered by the root error boundary. */
export function loader() {
  throw notFound();
}

export function action() {
  throw notFound();
}

export default function NotFoundPage() {
  return null;
}
