/**
 * A panel's messages: a polite status (progress, success) and an alert (failures). Both containers are
 * always in the page, empty when silent, because a live region must exist before its text changes for
 * screen readers to announce it.
 */
export function Feedback({
  id,
  status,
  error,
  quiet = false,
}: {
  id: string;
  status?: string;
  error?: string;
  /** Announce the status without showing it (the page shows the same news in a bigger way). */
  quiet?: boolean;
}) {
  return (
    <div className="admin-feedback">
      <p
        id={`${id}-status`}
        className={quiet ? 'admin-status admin-sr-only' : 'admin-status'}
        role="status"
        tabIndex={-1}
      >
        {status ?? ''}
      </p>
      <p id={`${id}-error`} className="admin-error" role="alert" tabIndex={-1}>
        {error ?? ''}
      </p>
    </div>
  );
}
