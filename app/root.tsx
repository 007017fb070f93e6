import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { SiteFooter, SiteHeader } from "~/components/site-layout";
import { t } from "~/i18n";
import { getOptionalUser } from "~/modules/auth/session.server";
import { countUnreadNotifications } from "~/modules/notifications/notifications.server";
import stylesUrl from "~/styles/app.css";
import { pageMeta } from "~/utils/meta";
import { useNonce } from "~/utils/nonce";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// On an error the boundary below writes its own title; no second one from here.
export const meta: MetaFunction = ({ error }) => (error ? [] : pageMeta(t("site.name"), t("site.description")));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return {
    user: user && {
      id: user.id,
      displayName: user.displayName,
      roles: user.roles,
      unreadNotifications: await countUnreadNotifications(user.id),
    },
  };
}

/** The signed-in person as the layout knows them, or null. */
export function useOptionalUser() {
  return useRouteLoaderData<typeof loader>("root")?.user ?? null;
}

function Document({ children, head }: { children: React.ReactNode; head?: React.ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        {head}
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <Document>
      <SiteHeader user={user} />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <SiteFooter />
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const user = useRouteLoaderData<typeof loader>("root")?.user ?? null;
  let title: string = t("error.genericTitle");
  let message: string = t("error.generic");
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("error.notFoundTitle");
      message = t("error.notFound");
    } else if (error.status === 403) {
      title = t("error.forbiddenTitle");
      message = t("error.forbidden");
    } else if (error.status < 500) {
      title = error.status === 429 ? t("error.tooManyRequestsTitle") : t("error.badRequestTitle");
      message = typeof error.data === "string" && error.data.length < 300 ? error.data : title;
    }
  }
  // Never a stack trace: the details are in the server log, under the request id.
  return (
    <Document
      head={
        <>
          <title>{`${title} · ${t("site.name")}`}</title>
          <meta name="description" content={message} />
        </>
      }
    >
      <SiteHeader user={user} />
      <main id="main" tabIndex={-1}>
        <div className="container prose">
          <h1>{title}</h1>
          <p>{message}</p>
          <p>
            <a href="/">{t("error.backHome")}</a>
          </p>
        </div>
      </main>
      <SiteFooter />
    </Document>
  );
}
