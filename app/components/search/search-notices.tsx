/** Messages about the input itself (cut, ignored values, a bad page), above the results. */
export function SearchNotices({
  notices,
  problem,
}: {
  notices: string[];
  problem?: string | null;
}) {
  return (
    <>
      {problem ? (
        <p className="form-errors search-problem" role="alert">
          {problem}
        </p>
      ) : null}
      {notices.length > 0 ? (
        <ul className="notice search-notices">
          {notices.map((notice) => (
            <li key={notice}>{notice}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
