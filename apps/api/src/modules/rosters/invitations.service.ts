import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUuid } from '@hocvuso/domain';
import {
  acceptInvitation,
  answerInvitation,
  appendAudit,
  invitationsOf,
  lockPendingInvitation,
  type RosterInvitationRow,
} from '@hocvuso/db';
import type { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/decorators/current-user.decorator';
import { notFound } from '../../common/errors/not-found';
import { TrainedFactsService } from '../coverage/trained-facts.service';

const toInvitation = (r: RosterInvitationRow) => ({
  id: r.id,
  status: r.status,
  unit: r.unit_id ? { id: r.unit_id, name: r.unit_name } : null,
  organisation: r.organisation_id ? { id: r.organisation_id, name: r.organisation_name } : null,
  targetGroup: r.target_group,
  courseIds: r.course_ids,
  createdAt: new Date(r.created_at).toISOString(),
  respondedAt: r.responded_at ? new Date(r.responded_at).toISOString() : null,
});

/**
 * A person's roster invitations. A roster never places an existing account: the person reads the invitation
 * (who invites them, where, to which courses) and accepts it (they are placed there and enrolled) or declines
 * it (nothing changes). Both answers are audited with the place as scope, so the inviting area sees them.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(TrainedFactsService) private readonly trained: TrainedFactsService,
  ) {}

  async mine(user: AuthUser) {
    return { items: (await invitationsOf(this.db, user.id)).map(toInvitation) };
  }

  async answer(user: AuthUser, id: string, accept: boolean) {
    return this.db.transaction(async (tx) => {
      const inv = isUuid(id) ? await lockPendingInvitation(tx, id, user.id) : undefined;
      // Someone else's invitation, or one answered already, is "not found" (nothing leaks).
      if (!inv) throw notFound('invitation');
      const enrolled = accept ? await acceptInvitation(tx, inv, user.id) : [];
      // coverage: the invitation's group may be one whose required set the person already completed
      if (accept) await this.trained.record(tx, user.id);
      const status = accept ? 'accepted' : 'declined';
      const respondedAt = await answerInvitation(tx, inv.id, status);
      await appendAudit(tx, {
        actor: user.id,
        action: accept ? 'roster.invitation_accept' : 'roster.invitation_decline',
        subjectType: 'user',
        subjectId: user.id,
        scope: inv.unit_path,
        after: {
          invitationId: inv.id,
          unitId: inv.unit_id,
          organisationId: inv.organisation_id,
          ...(accept ? { placed: true, enrolled } : {}),
        },
      });
      return toInvitation({ ...inv, status, responded_at: respondedAt });
    });
  }
}
