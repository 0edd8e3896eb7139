/** The identity context's back-office pages: assisted registration and a new sign-in code, handed over by a helper. */
export { AssistedRegistrationPage } from './assisted-registration-page';
export { NewSignInCodePage } from './new-sign-in-code-page';
