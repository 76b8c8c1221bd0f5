'use client';

import { useFormStatus } from 'react-dom';

/** The form's submit button: busy, and not pressable twice, while the form is being sent. */
export function SubmitButton({
  label,
  busyLabel,
  className = 'primary',
}: {
  label: string;
  busyLabel: string;
  className?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className={className} disabled={pending} aria-busy={pending}>
      {pending ? busyLabel : label}
    </button>
  );
}
