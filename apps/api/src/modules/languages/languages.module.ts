import { Global, Module } from '@nestjs/common';
import { LanguagesController } from './languages.controller';
import { LanguagesService } from './languages.service';

/** Global: the registry must be configured before any request is parsed, whichever module serves it. */
@Global()
@Module({ controllers: [LanguagesController], providers: [LanguagesService], exports: [LanguagesService] })
export class LanguagesModule {}
