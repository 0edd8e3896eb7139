import { createContext, useContext } from 'react';

/** The editor's problems by control id, so each field shows its own and drops it once edited. */
export interface FieldErrors {
  errorFor: (id: string) => string | undefined;
  clear: (id: string) => void;
}

export const FieldErrorsContext = createContext<FieldErrors>({
  errorFor: () => undefined,
  clear: () => undefined,
});

export const useFieldErrors = () => useContext(FieldErrorsContext);
