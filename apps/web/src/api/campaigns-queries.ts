import { campaignsApi } from './campaigns-api';
import { apiPrefix, apiQuery } from './query';

const id = encodeURIComponent;

/** The GET operations of the campaign pages. */
export const campaignsQueries = {
  list: () => apiQuery('/campaigns', {}, (signal) => campaignsApi.list(signal)),
  one: (campaignId: string) =>
    apiQuery(`/campaigns/${id(campaignId)}`, {}, (signal) => campaignsApi.one(campaignId, signal)),
  league: (campaignId: string) =>
    apiQuery(`/campaigns/${id(campaignId)}/league`, {}, (signal) => campaignsApi.league(campaignId, signal)),
  awards: (campaignId: string) =>
    apiQuery(`/campaigns/${id(campaignId)}/awards`, {}, (signal) => campaignsApi.awards(campaignId, signal)),
  festivalTemplate: () =>
    apiQuery('/campaigns/templates/national-digital-learning-day', {}, (signal) =>
      campaignsApi.festivalTemplate(signal),
    ),
  units: (q: string) => apiQuery('/campaigns/units', { q }, (signal) => campaignsApi.units(q, signal)),
};

/** What a write of the campaign pages makes out of date: every campaign answer (lists, tables, awards). */
export const campaignsChangedBy = {
  any: () => [apiPrefix('/campaigns')],
};
