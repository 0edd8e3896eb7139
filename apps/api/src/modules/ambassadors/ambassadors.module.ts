import { Module } from '@nestjs/common';
import { AmbassadorController } from './ambassador.controller';
import { AmbassadorStandingService } from './ambassador-standing.service';
import { GuidedBadgeService } from './guided-badge.service';
import { MentorInvitationsController } from './mentor-invitations.controller';
import { MentorshipsService } from './mentorships.service';

/**
 * Digital ambassadors (docs/ambassadors-and-families.md): becoming one (/api/ambassador, admin approvals under
 * /api/admin), invitation links and mentorships (/api/mentor-invitations, /api/me/mentorships), the mentees'
 * progress and the badge. GuidedBadgeService is used by learning's completion to count guided mentees.
 */
@Module({
  controllers: [AmbassadorController, MentorInvitationsController],
  providers: [AmbassadorStandingService, MentorshipsService, GuidedBadgeService],
  exports: [GuidedBadgeService],
})
export class AmbassadorsModule {}
