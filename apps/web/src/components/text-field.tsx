/**
 * A labelled one-line text input (name, e-mail, password): the sign-in and account forms. Its own
 * module, not components/ui, so pages that never show such a form do not carry it.
 */
import type { InputHTMLAttributes } from 'react';
import { Field, type FieldProps } from './ui';

type InputProps = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onChange' | 'aria-describedby' | 'aria-invalid'
>;

export function TextField({
  label,
  error,
  hint,
  value,
  onChange,
  ...input
}: InputProps & {
  label: string;
  error?: FieldProps['error'];
  hint?: string;
  name: string;
  value: string;
  onChange(value: string): void;
}) {
  return (
    <Field label={label} error={error} hint={hint}>
      {({ id, describedBy, invalid }) => (
        <input
          {...input}
          id={id}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        />
      )}
    </Field>
  );
}
