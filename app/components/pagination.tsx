import { Link, useLocation } from "@remix-run/react";
import { t } from "~/i18n";

/** Previous/next links that keep every other query parameter. */
export function Pagination({ page, hasMore, label }: { page: number; hasMore: boolean; label: string }) {
  const location = useLocation();
  if (page <= 1 && !hasMore) return null;
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(target));
    return `${location.pathname}?${params}`;
  };
  return (
    <nav aria-label={label}>
      <ul className="pagination">
        {page > 1 ? (
          <li>
            <Link to={hrefFor(page - 1)}>{t("pagination.previous")}</Link>
          </li>
        ) : null}
        {hasMore ? (
          <li>
            <Link to={hrefFor(page + 1)}>{t("pagination.next")}</Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
