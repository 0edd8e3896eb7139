import { Body, Controller, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { type AssistantAskRequest, assistantAnswerSchema, assistantAskSchema } from '@hocvuso/contracts';
import { Public } from '../../common/decorators/public.decorator';
import { ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { AssistantThrottlerGuard } from './assistant-throttler.guard';
import { AssistantService } from './assistant.service';

@ApiTags('assistant')
@Controller('assistant')
export class AssistantController {
  constructor(@Inject(AssistantService) private readonly assistant: AssistantService) {}

  /**
   * Answers a question from the published lessons, quoting and linking them, or sends the learner to their
   * commune's help officer. Open to everyone; rate limited per person, or per address when signed out.
   */
  @Public()
  @Post('ask')
  @HttpCode(200)
  @UseGuards(AssistantThrottlerGuard)
  @ApiBody({ schema: zodSchema(assistantAskSchema) })
  @ApiResponseFrom(assistantAnswerSchema)
  ask(@Body(new ZodValidationPipe(assistantAskSchema)) body: AssistantAskRequest) {
    return this.assistant.ask(body);
  }
}
