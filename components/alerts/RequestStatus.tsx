/** The answer to a request form, announced to screen readers (polite for success, assertive for errors). */
export function RequestStatus({ id, state, sentText }: { id: string; state: { status: string; message?: string }; sentText: string }) {
  return (
    <div id={id} aria-live="polite" className="mt-4">
      {state.status === "sent" && <p className="rounded border border-green-700 bg-green-50 p-3 text-green-900">{sentText}</p>}
      {state.status === "error" && (
        <p role="alert" className="rounded border border-red-700 bg-red-50 p-3 text-red-900">
          {state.message}
        </p>
      )}
    </div>
  );
}
