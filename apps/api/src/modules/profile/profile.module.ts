import { Module } from '@nestjs/common';
import { CoverageModule } from '../coverage/coverage.module';
import { ProfileController } from './profile.controller';
import { ProfileService } from './profile.service';

/** The caller's own profile and consents (GET/PUT /api/me/profile, POST /api/me/consents). */
@Module({
  imports: [CoverageModule],
  controllers: [ProfileController],
  providers: [ProfileService],
  exports: [ProfileService],
})
export class ProfileModule {}
