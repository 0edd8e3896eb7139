import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { profilePromptDue, ValidationError } from '@hocvuso/domain';
import {
  appendAudit,
  currentUnit,
  dismissProfilePrompt,
  insertConsent,
  latestConsentsOf,
  organisationExists,
  profileOf,
  profilePromptOf,
  setUserLanguage,
  upsertHousehold,
  upsertLearnerProfile,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import { notFound } from '../../common/errors/not-found';
import { TrainedFactsService } from '../coverage/trained-facts.service';
import type { ConsentInput, ProfileUpdate } from '@hocvuso/contracts';

/**
 * The caller's own profile (where they are placed, their groups, language and accessibility) and their
 * consents: read, changed by themselves, consents given or withdrawn (never edited).
 */
@Injectable()
export class ProfileService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TrainedFactsService) private readonly trained: TrainedFactsService,
  ) {}

  async profile(userId: string) {
    const p = await profileOf(this.db, userId);
    if (!p) throw notFound('user');
    const consents = await latestConsentsOf(this.db, userId);
    return {
      language: p.language,
      targetGroups: p.target_groups ?? [],
      subGroups: p.sub_groups ?? [],
      accessibility: p.accessibility ?? {},
      unit: p.unit_id ? { id: p.unit_id, name: p.unit_name, path: p.unit_path } : null,
      organisation: p.organisation_id ? { id: p.organisation_id, name: p.organisation_name } : null,
      householdCode: p.household_code ?? null,
      consents: consents.map((c) => ({
        purpose: c.purpose,
        granted: c.granted,
        textVersion: c.text_version,
        channel: c.channel,
        at: new Date(c.at).toISOString(),
      })),
    };
  }

  async updateProfile(userId: string, input: ProfileUpdate) {
    await this.db.transaction(async (tx) => {
      let unitPath: string | null = null;
      if (input.unitId) {
        const u = await currentUnit(tx, input.unitId);
        if (!u)
          throw new ValidationError(
            'UNIT_NOT_FOUND',
            'Choose a current commune, ward, village or residential group.',
          );
        if (u.level === 'province')
          throw new ValidationError('UNIT_TOO_BROAD', 'Choose your commune or ward, not only the province.');
        unitPath = u.path;
      }
      if (input.organisationId && !(await organisationExists(tx, input.organisationId))) {
        throw new ValidationError('ORGANISATION_NOT_FOUND', 'There is no such organisation.');
      }
      let householdId: string | null = null;
      if (input.householdCode) {
        if (!input.unitId)
          throw new ValidationError(
            'HOUSEHOLD_NEEDS_UNIT',
            'Choose your village or residential group before the household.',
          );
        householdId = await upsertHousehold(tx, input.unitId, input.householdCode);
      }
      await setUserLanguage(tx, userId, input.language);
      await upsertLearnerProfile(tx, {
        userId,
        targetGroups: input.targetGroups,
        subGroups: input.subGroups,
        unitId: input.unitId,
        unitPath,
        organisationId: input.organisationId,
        householdId,
        accessibility: input.accessibility,
      });
      // coverage: a group added after its required set was completed counts from now (same transaction)
      await this.trained.record(tx, userId);
    });
    return this.profile(userId);
  }

  /** Whether to ask for the target group and place now (profilePromptDue, on the database clock). */
  async profilePrompt(userId: string) {
    const p = await profilePromptOf(this.db, userId);
    if (!p) throw notFound('user');
    return {
      show: profilePromptDue({
        targetGroups: p.target_groups ?? [],
        hasPlace: p.has_place,
        dismissedAt: p.dismissed_at,
        now: p.now,
      }),
    };
  }

  async dismissProfilePrompt(userId: string) {
    await dismissProfilePrompt(this.db, userId);
    return this.profilePrompt(userId);
  }

  /** Records a consent given or withdrawn (never edits an earlier one), and audits it. */
  async recordConsent(
    userId: string,
    input: ConsentInput,
    channel: 'web' | 'in_person' = 'web',
    recordedBy: string | null = null,
  ) {
    await this.db.transaction(async (tx) => {
      await insertConsent(tx, {
        userId,
        purpose: input.purpose,
        textVersion: input.textVersion,
        channel,
        granted: input.granted,
        recordedBy,
      });
      await appendAudit(tx, {
        actor: recordedBy ?? userId,
        action: 'consent.change',
        subjectType: 'user',
        subjectId: userId,
        after: { purpose: input.purpose, granted: input.granted, textVersion: input.textVersion },
      });
    });
    return this.profile(userId);
  }
}
