/** What other features may use of the admin area: who may change a certificate's status (the verify page). */
export { canChangeCertificateStatus } from './admin-areas';
