import {
  useId,
  type InputHTMLAttributes,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

interface FieldBase {
  label: string;
  name: string;
  /** The message of a refusal; the control is marked invalid and points to it. */
  error?: string;
  /** A hint under the control, read out with it. */
  description?: string;
  className?: string;
}

type FieldProps = FieldBase &
  (
    | ({ as?: 'input' } & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>)
    | ({ as: 'textarea' } & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>)
    | ({ as: 'select' } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'>)
  );

/** A labelled form control with its description and error wired to it for screen readers. */
export function Field({ label, name, error, description, className, ...control }: FieldProps) {
  const generated = useId();
  const id = control.id ?? `${generated}-${name}`;
  const describedBy = [description && `${id}-description`, error && `${id}-error`]
    .filter(Boolean)
    .join(' ');
  const wiring = {
    id,
    name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
  };
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {control.as === 'textarea' ? (
        <textarea {...withoutAs(control)} {...wiring} />
      ) : control.as === 'select' ? (
        <select {...withoutAs(control)} {...wiring} />
      ) : (
        <input {...withoutAs(control)} {...wiring} />
      )}
      {description ? (
        <p className="hint" id={`${id}-description`}>
          {description}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function withoutAs<T extends { as?: string }>({ as: _as, ...rest }: T) {
  return rest;
}
