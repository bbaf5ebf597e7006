import { useEffect, useState } from 'react';
import { clockTimeOfInput, inputOfWallTime, wallTimeOfInput } from '../lib/clock';

/**
 * A date and a clock time typed as "2026-03-15 14:00": always the 24-hour clock. Chromium's
 * datetime-local follows the browser's locale, and en-US shows "02:00 PM" with an AM/PM part to
 * type, whatever the page's language. `value` and `onChange` use the wall time form
 * "yyyy-MM-ddTHH:mm"; what cannot be read is passed on as typed, for the form to refuse.
 */
export function WallTimeInput({
  id,
  name,
  value,
  onChange,
  describedBy,
  invalid,
}: {
  id: string;
  name: string;
  value: string;
  onChange(wall: string): void;
  describedBy?: string;
  invalid?: boolean;
}) {
  const [text, setText] = useState(() => inputOfWallTime(value));
  // A value set from outside (a reset, a loaded session) replaces what is shown.
  useEffect(() => {
    setText((shown) => (wallTimeOfInput(shown) === value ? shown : inputOfWallTime(value)));
  }, [value]);
  return (
    <input
      id={id}
      name={name}
      type="text"
      inputMode="text"
      autoComplete="off"
      spellCheck={false}
      placeholder="2026-03-15 14:00"
      pattern="\d{4}-\d{1,2}-\d{1,2}[ T]+\d{1,2}[:.]\d{2}"
      value={text}
      aria-describedby={describedBy}
      aria-invalid={invalid}
      onChange={(e) => {
        setText(e.target.value);
        onChange(wallTimeOfInput(e.target.value));
      }}
    />
  );
}

/**
 * A clock time typed as "22:00" (quiet hours and the like): the 24-hour clock whatever the
 * browser's locale (Chromium's type="time" shows "10:00 PM" in en-US). `value` and `onChange`
 * use "HH:mm"; what cannot be read is passed on as typed, for the form or the API to refuse.
 */
export function ClockTimeInput({
  id,
  name,
  value,
  onChange,
  describedBy,
  invalid,
}: {
  id: string;
  name: string;
  value: string;
  onChange(time: string): void;
  describedBy?: string;
  invalid?: boolean;
}) {
  const [text, setText] = useState(value);
  useEffect(() => {
    setText((shown) => (clockTimeOfInput(shown) === value ? shown : value));
  }, [value]);
  return (
    <input
      id={id}
      name={name}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="22:00"
      pattern="\d{1,2}[:.]\d{2}"
      maxLength={5}
      value={text}
      aria-describedby={describedBy}
      aria-invalid={invalid}
      onChange={(e) => {
        setText(e.target.value);
        onChange(clockTimeOfInput(e.target.value));
      }}
    />
  );
}
