import type { AssistantAnswer, AssistantAskInput } from '@hocvuso/contracts';
import { request } from './client';

/** The learning assistant (docs/assistant.md): answers quoted from the published lessons. */
export const assistantApi = {
  ask: (body: AssistantAskInput, signal?: AbortSignal) =>
    request<AssistantAnswer>('POST', '/assistant/ask', { body, signal }),
};
