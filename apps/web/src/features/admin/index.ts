/**
 * What other features may use of the back-office shell: who may change a certificate's status (the verify page)
 * and who may import administrative units (the imports page).
 */
export { canChangeCertificateStatus, canImportUnits } from './admin-areas';
