/** The address field of the alert forms; marked invalid and pointed at the announced error when `isInvalid`. */
export function EmailField({ id, statusId, isInvalid }: { id: string; statusId: string; isInvalid: boolean }) {
  return (
    <div>
      <label htmlFor={id} className="block font-semibold">
        Din e-mailadresse
      </label>
      <input
        id={id}
        name="email"
        type="email"
        autoComplete="email"
        required
        aria-invalid={isInvalid || undefined}
        aria-describedby={isInvalid ? statusId : undefined}
        className="mt-1 w-full rounded border border-gray-500 px-3 py-2"
      />
    </div>
  );
}
