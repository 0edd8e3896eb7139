import { Module } from '@nestjs/common';
import { LearnersController } from './learners.controller';
import { LearnersService } from './learners.service';

/** Admins' learner lists and details, and role grants (/api/admin/learners, /api/admin/role-grants). */
@Module({
  controllers: [LearnersController],
  providers: [LearnersService],
  exports: [LearnersService],
})
export class LearnersModule {}
