import type { Ref } from 'react';
import { TextField } from '../../components/text-field';
import { COURSE_ID_MAX } from './course-id';

interface CourseIdFieldProps {
  id: string;
  label: string;
  hint: string;
  error?: string;
  value: string;
  required?: boolean;
  ref?: Ref<HTMLInputElement>;
  /** The id as typed, trimmed and lower-cased (the api's slug rule is checked by courseIdProblem). */
  onValue: (id: string, raw: string) => void;
}

/** A course id input: no autocorrect or capitals, the api's length limit, the value kept trimmed and lower case. */
export function CourseIdField({ onValue, ...field }: CourseIdFieldProps) {
  return (
    <TextField
      {...field}
      maxLength={COURSE_ID_MAX}
      autoComplete="off"
      autoCapitalize="none"
      spellCheck={false}
      inputMode="url"
      onChange={(e) => onValue(e.target.value.trim().toLowerCase(), e.target.value)}
    />
  );
}
