/** What a live token in a link is replaced with wherever someone other than its recipient reads the message. */
export const REDACTED_TOKEN = 'REDACTED';

const TOKEN_PARAM = /([?&](?:amp;)?(?:token|t|code)=)[^&\s"'<>]+/gi;

/**
 * A message with every token-bearing link parameter (`token=`, `t=`, `code=`) replaced by REDACTED, so an
 * administrator who reads the mail outbox sees which link was sent but cannot use it: password-reset,
 * invitation and unsubscribe links work only for the person they were sent to.
 */
export function redactLinkTokens(text: string): string {
  return text.replace(TOKEN_PARAM, `$1${REDACTED_TOKEN}`);
}
