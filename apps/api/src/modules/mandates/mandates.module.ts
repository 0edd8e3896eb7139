import { Module } from '@nestjs/common';
import { MandatesController } from './mandates.controller';
import { MandatesService } from './mandates.service';

/** Mandates and their compliance (/api/admin/mandates…, /api/me/mandates); status rule in libs/domain/src/mandates. */
@Module({
  controllers: [MandatesController],
  providers: [MandatesService],
})
export class MandatesModule {}
