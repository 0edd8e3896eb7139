/** One-line messages a page leaves for the next one (the catalogue, after the session ended). */
export const FLASHES = ['signedOut', 'signedOutEverywhere', 'accountDeleted'] as const;

/** What a page may leave for the next one in the navigation state. */
export interface ShellState {
  flash?: (typeof FLASHES)[number];
  /**
   * The api already ended the session (account deleted, signed out everywhere). The shell forgets it once the
   * next page shows: forgetting it earlier would send the page that ended it to the sign-in form.
   */
  sessionEnded?: boolean;
}
