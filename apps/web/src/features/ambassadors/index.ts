// What the household pages share with the ambassador pages: the error notice of this section and the
// invitation link panel (address, QR code, share), and the invitation page's state (token, preview, answer).
export { CommunityError } from './community-error';
export { InvitationLinkPanel } from './invitation-link-panel';
export { useInvitation } from './use-invitation';
