import { Pagination } from "~/components/pagination";
import { t } from "~/i18n";
import "~/i18n/search";

/** "Page 2 of 7" and the previous/next links under a list of results. */
export function ResultPages({
  page,
  pageCount,
  hasMore,
}: {
  page: number;
  pageCount: number;
  hasMore: boolean;
}) {
  return (
    <div className="search-pages">
      <p className="search-pages__where">{t("search.pageOf", { page, pages: pageCount })}</p>
      <Pagination page={page} hasMore={hasMore} label={t("search.pagination")} />
    </div>
  );
}
