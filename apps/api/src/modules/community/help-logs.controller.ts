import { Body, Controller, Get, Inject, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  type HelpLogInput,
  helpLogInputSchema,
  helpLogListSchema,
  helpLogSchema,
  type HelpRollupQuery,
  helpRollupQuerySchema,
  helpRollupSchema,
  publicServiceListSchema,
} from '@hocvuso/contracts';
import type { FastifyReply } from 'fastify';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { RequireCapability } from '../../common/guards/capability.guard';
import { ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { HelpLogsService } from './help-logs.service';

const OFFICER = 'This needs a help officer.';

/** Public-service help officers log help given; readers of an area see the counts by unit (docs/help-officers.md). */
@ApiTags('community')
@Controller('help-logs')
export class HelpLogsController {
  constructor(@Inject(HelpLogsService) private readonly logs: HelpLogsService) {}

  @Get('services')
  @RequireCapability('help.log', OFFICER)
  @ApiResponseFrom(publicServiceListSchema)
  services() {
    return this.logs.services();
  }

  @Post()
  @RequireCapability('help.log', OFFICER)
  @ApiResponseFrom(helpLogSchema, 201)
  @ApiBody({ schema: zodSchema(helpLogInputSchema) })
  async log(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(helpLogInputSchema))
    body: HelpLogInput & { personId: string | null; people: number },
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const log = await this.logs.log(user, body);
    if (!log.created) void reply.status(200);
    return log;
  }

  /** The officer's last logs (the form shows them under it). */
  @Get('mine')
  @RequireCapability('help.log', OFFICER)
  @ApiResponseFrom(helpLogListSchema)
  mine(@CurrentUser() user: AuthUser) {
    return this.logs.mine(user);
  }

  @Get('rollup')
  @RequireCapability('report.read', 'This needs a report reader.')
  @ApiQueryFrom(helpRollupQuerySchema)
  @ApiResponseFrom(helpRollupSchema)
  rollup(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(helpRollupQuerySchema)) q: HelpRollupQuery,
  ) {
    return this.logs.rollup(user, q);
  }
}
