import { Inject, Injectable } from '@nestjs/common';
import { ContentValidationError, readLanguagesFile } from '@hocvuso/content';
import { configureLanguages, configuredLanguages } from '@hocvuso/domain';
import type { LanguagesResponse } from '@hocvuso/contracts';
import { API_CONFIG, type ApiConfig } from '../../config/api.config';

/**
 * The languages of this api (docs/languages.md): `<CONTENT_DIR>/languages.yaml`, read and checked once when the
 * api starts (a broken file stops the start with every problem listed, as content:import does), then made the
 * process's registry that every `lang`, content language and interface language is checked against.
 */
@Injectable()
export class LanguagesService {
  private readonly answer: LanguagesResponse;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    const { languages, issues } = readLanguagesFile(config.contentDir);
    if (!languages) throw new ContentValidationError(issues);
    configureLanguages(languages);
    this.answer = { items: configuredLanguages().map((l) => ({ ...l, name: { ...l.name } })) };
  }

  list(): LanguagesResponse {
    return this.answer;
  }
}
