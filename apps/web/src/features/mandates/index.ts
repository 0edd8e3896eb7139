/** The mandates context's back-office pages: mandate list, create/edit form and the compliance report. */
export { CompliancePage } from './compliance-page';
export { MandateEditPage, MandateFormPage } from './mandate-form-page';
export { MandatesPage } from './mandates-page';
