import { Module } from '@nestjs/common';
import { DeclarationsService } from './declarations.service';
import { UniversalisationController } from './universalisation.controller';
import { UNIVERSALISATION_EXPORTER, JwsBatchExporter } from './universalisation-exporter';
import { UniversalisationExportService } from './universalisation-export.service';

/**
 * Universalisation: declarations and in-person learning (numerators), and the signed export of the confirmations
 * the worker writes. The export format is one binding: replace JwsBatchExporter to change it.
 */
@Module({
  controllers: [UniversalisationController],
  providers: [
    DeclarationsService,
    UniversalisationExportService,
    { provide: UNIVERSALISATION_EXPORTER, useClass: JwsBatchExporter },
  ],
})
export class UniversalisationModule {}
