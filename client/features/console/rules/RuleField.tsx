/**
 * One number of a rule, as typed (a decimal comma or point). `invalid` marks it for assistive technology as well as
 * by its outline; the row says what is wrong.
 */
export function RuleField({
  label,
  value,
  placeholder,
  invalid,
  disabled = false,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  placeholder?: string;
  invalid: boolean;
  disabled?: boolean;
  onChange: (value: string) => void;
  testId: string;
}) {
  return (
    <input
      className="rule-field"
      inputMode="decimal"
      aria-label={label}
      aria-invalid={invalid || undefined}
      value={value}
      placeholder={placeholder}
      disabled={disabled}
      size={6}
      maxLength={12}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testId}
    />
  );
}
