export { CampaignListPage } from './campaign-list-page';
export { CampaignFormPage } from './campaign-form-page';
export { LeaguePage } from './league-page';
