import type {
  Campaign,
  CampaignAwards,
  CampaignInput,
  CampaignList,
  CampaignTemplateView,
  CampaignUnitList,
  LeagueTable,
} from '@hocvuso/contracts';
import { request } from './client';

const id = encodeURIComponent;

/** The calls of the campaign pages (docs/campaigns.md). */
export const campaignsApi = {
  list: (signal?: AbortSignal) => request<CampaignList>('GET', '/campaigns', { signal }),
  one: (campaignId: string, signal?: AbortSignal) =>
    request<Campaign>('GET', `/campaigns/${id(campaignId)}`, { signal }),
  league: (campaignId: string, signal?: AbortSignal) =>
    request<LeagueTable>('GET', `/campaigns/${id(campaignId)}/league`, { signal }),
  awards: (campaignId: string, signal?: AbortSignal) =>
    request<CampaignAwards>('GET', `/campaigns/${id(campaignId)}/awards`, { signal }),
  festivalTemplate: (signal?: AbortSignal) =>
    request<CampaignTemplateView>('GET', '/campaigns/templates/national-digital-learning-day', { signal }),
  units: (q: string, signal?: AbortSignal) =>
    request<CampaignUnitList>('GET', '/campaigns/units', { query: { q }, signal }),
  create: (body: CampaignInput) => request<Campaign>('POST', '/campaigns', { body }),
  close: (campaignId: string) =>
    request<CampaignAwards>('POST', `/campaigns/${id(campaignId)}/close`, { body: {} }),
};
