import type { AchievementDefinition } from '../ambassadors/ambassador-rules';

/**
 * The awards of a closed campaign (docs/campaigns.md). People earn an Open Badges 3.0 achievement through the
 * certificate pipeline (one achievement per campaign, id `campaign-<campaignId>`, never renamed); a unit is not a
 * person the pipeline can issue to, so a unit's award is a record whose digest the api signs.
 */

const PREFIX = 'campaign-';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const campaignAchievementId = (campaignId: string) => `${PREFIX}${campaignId}`;

/** The campaign of an achievement id, or undefined when it is not a campaign's. */
export function campaignOfAchievement(achievementId: string): string | undefined {
  if (!achievementId.startsWith(PREFIX)) return undefined;
  const id = achievementId.slice(PREFIX.length);
  return UUID.test(id) ? id : undefined;
}

/** The individual achievement of a campaign: "Outstanding person of <campaign>", with the rule in words. */
export function campaignAchievement(c: {
  id: string;
  name: { vi: string; en: string };
  startsOn: string;
  endsOn: string;
}): AchievementDefinition {
  return {
    id: campaignAchievementId(c.id),
    name: {
      vi: `Cá nhân tiêu biểu: ${c.name.vi}`.normalize('NFC'),
      en: `Outstanding contributor: ${c.name.en}`,
    },
    description: {
      vi: `Người giữ huy hiệu là một trong những người dẫn dắt nhiều người học nhất trong phong trào thi đua “${c.name.vi}” (${c.startsOn} – ${c.endsOn}).`.normalize(
        'NFC',
      ),
      en: `The holder is among the people who guided the most learners in the emulation campaign “${c.name.en}” (${c.startsOn} – ${c.endsOn}).`,
    },
    criteria: {
      vi: 'Xếp hạng theo số người được dẫn dắt hoàn thành khóa học trong thời gian thi đua, khi đang được dẫn dắt; chỉ tính người ở các đơn vị tham gia.'.normalize(
        'NFC',
      ),
      en: 'Ranked by the people guided to complete a course during the campaign while guided; only people of the participating units count.',
    },
  };
}

/** The record of a unit's award, as signed: stable key order, so the digest is the same on every replica. */
export function unitAwardRecord(a: {
  campaignId: string;
  campaignName: { vi: string; en: string };
  startsOn: string;
  endsOn: string;
  unitId: string;
  unitName: string;
  rank: number;
  points: number;
}): string {
  return JSON.stringify({
    type: 'hocvuso:campaign-unit-award:v1',
    campaignId: a.campaignId,
    campaignName: { vi: a.campaignName.vi, en: a.campaignName.en },
    period: { startsOn: a.startsOn, endsOn: a.endsOn },
    unit: { id: a.unitId, name: a.unitName },
    rank: a.rank,
    points: a.points,
  });
}
