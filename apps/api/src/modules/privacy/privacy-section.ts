import type { Queryable } from '@hocvuso/db';
import type { PersonalDataSections } from './personal-data-export';

/** Who is being de-identified, as the privacy service found them when it locked the account row. */
export interface DeidentificationSubject {
  userId: string;
  /** The e-mail address the account had before de-identification (e-mail waiting for it is dropped). */
  formerEmail: string | null;
}

/** What a section reports back from de-identification: the audit scope (the profile section gives it). */
export interface DeidentificationOutcome {
  auditScope: string | null;
}

/**
 * One context's part of a person's data rights. The privacy service asks every section, in the order of
 * PRIVACY_SECTIONS, for its keys of the export document and to erase what identifies the person in its tables
 * (inside the one de-identification transaction, after the account row is locked). A context that keeps its
 * records on de-identification says so in its `deidentify` and does nothing there.
 */
export interface PrivacySection {
  /** The context, for errors and documentation (`account`, `sign-in`, `profile`, ...). */
  readonly name: string;
  /** Its keys of the export document (read on the DataSource, outside any transaction). */
  exportFor(db: Queryable, userId: string): Promise<Partial<PersonalDataSections>>;
  /** Erases what identifies the person in this context, on the transaction's manager. */
  deidentify(tx: Queryable, subject: DeidentificationSubject): Promise<DeidentificationOutcome | void>;
}

/** The Nest token of the ordered list of privacy sections (see privacy-sections.ts). */
export const PRIVACY_SECTIONS = Symbol('PRIVACY_SECTIONS');
