import { Body, Controller, Get, HttpCode, Inject, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import {
  type CourseDetailQuery,
  courseDetailQuerySchema,
  type CreateHouseholdInput,
  createHouseholdSchema,
  emptyBodySchema,
  type HouseholdGuideInput,
  householdGuideSchema,
  type HouseholdIndicatorQuery,
  householdIndicatorQuerySchema,
  householdIndicatorSchema,
  householdInvitationPreviewSchema,
  householdInvitationSchema,
  type HouseholdInvitationToken,
  householdInvitationTokenSchema,
  myHouseholdSchema,
} from '@hocvuso/contracts';
import { z } from 'zod';
import { type AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { RequireCapability } from '../../common/guards/capability.guard';
import { ApiQueryFrom, ApiResponseFrom, zodSchema } from '../../common/http/openapi';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe';
import { HouseholdIndicatorService } from './household-indicator.service';
import { HouseholdsService } from './households.service';

const lang = new ZodValidationPipe(courseDetailQuerySchema);

@ApiTags('households')
@Controller()
export class HouseholdsController {
  constructor(
    @Inject(HouseholdsService) private readonly households: HouseholdsService,
    @Inject(HouseholdIndicatorService) private readonly indicators: HouseholdIndicatorService,
  ) {}

  /** The caller's household: its members, what each learned, who guides. */
  @Get('me/household')
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiResponseFrom(myHouseholdSchema)
  mine(@CurrentUser() user: AuthUser, @Query(lang) q: CourseDetailQuery) {
    return this.households.mine(user, q.lang);
  }

  /** Starts a household in the caller's unit. */
  @Post('me/household')
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiBody({ schema: zodSchema(createHouseholdSchema) })
  @ApiResponseFrom(myHouseholdSchema, 201)
  create(
    @CurrentUser() user: AuthUser,
    @Query(lang) q: CourseDetailQuery,
    @Body(new ZodValidationPipe(createHouseholdSchema)) body: CreateHouseholdInput,
  ) {
    return this.households.create(user, body, q.lang);
  }

  @Post('me/household/leave')
  @HttpCode(200)
  @ApiResponseFrom(z.object({ left: z.boolean() }))
  leave(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown) {
    return this.households.leave(user);
  }

  /** Names who in the household guides the caller. */
  @Put('me/household/guide')
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiBody({ schema: zodSchema(householdGuideSchema) })
  @ApiResponseFrom(myHouseholdSchema)
  guide(
    @CurrentUser() user: AuthUser,
    @Query(lang) q: CourseDetailQuery,
    @Body(new ZodValidationPipe(householdGuideSchema)) body: HouseholdGuideInput,
  ) {
    return this.households.setGuide(user, body.guideUserId, q.lang);
  }

  /** A link (and QR code) for one person to join the caller's household. */
  @Post('me/household/invitations')
  @ApiResponseFrom(householdInvitationSchema, 201)
  invite(@CurrentUser() user: AuthUser, @Body(new ZodValidationPipe(emptyBodySchema)) _body: unknown) {
    return this.households.invite(user);
  }

  @Post('household-invitations/preview')
  @HttpCode(200)
  @ApiBody({ schema: zodSchema(householdInvitationTokenSchema) })
  @ApiResponseFrom(householdInvitationPreviewSchema)
  preview(
    @CurrentUser() user: AuthUser,
    @Body(new ZodValidationPipe(householdInvitationTokenSchema)) body: HouseholdInvitationToken,
  ) {
    return this.households.preview(user, body.token);
  }

  /** The caller accepts and joins the household. */
  @Post('household-invitations/accept')
  @ApiQueryFrom(courseDetailQuerySchema)
  @ApiBody({ schema: zodSchema(householdInvitationTokenSchema) })
  @ApiResponseFrom(myHouseholdSchema, 201)
  accept(
    @CurrentUser() user: AuthUser,
    @Query(lang) q: CourseDetailQuery,
    @Body(new ZodValidationPipe(householdInvitationTokenSchema)) body: HouseholdInvitationToken,
  ) {
    return this.households.accept(user, body.token, q.lang);
  }

  /** Households with at least one trained member who guides others, for a unit and the units right below it. */
  @Get('households/indicator')
  @RequireCapability('report.read', 'This needs a role that reads the area’s reports.')
  @ApiQueryFrom(householdIndicatorQuerySchema)
  @ApiResponseFrom(householdIndicatorSchema)
  indicator(
    @CurrentUser() user: AuthUser,
    @Query(new ZodValidationPipe(householdIndicatorQuerySchema)) q: HouseholdIndicatorQuery,
  ) {
    return this.indicators.indicator(user, q.unitId);
  }
}
