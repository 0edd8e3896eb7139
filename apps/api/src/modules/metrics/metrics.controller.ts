import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { UnauthenticatedError } from '@hocvuso/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/decorators/public.decorator';
import { ApiMetrics } from './api-metrics';

/**
 * Prometheus metrics, at /api/metrics and /metrics. Public to the session guard, but served only to a caller
 * with the METRICS_TOKEN bearer token or from an address in METRICS_ALLOW (client address as TRUST_PROXY
 * resolves it); anyone else gets 401, and with neither configured everyone does.
 */
@ApiTags('health')
@Controller()
export class MetricsController {
  constructor(@Inject(ApiMetrics) private readonly metrics: ApiMetrics) {}

  @Public()
  @Get(['metrics', 'api/metrics'])
  @ApiProduces('text/plain')
  @ApiResponse({
    status: 200,
    description: 'The Prometheus text exposition format (version 0.0.4)',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  async scrape(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const decision = this.metrics.access(req.headers.authorization, req.ip);
    if (!decision.allowed) {
      void reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new UnauthenticatedError(
        'UNAUTHENTICATED',
        decision.reason === 'disabled'
          ? 'Metrics are not served: set METRICS_TOKEN or METRICS_ALLOW.'
          : 'The metrics need the METRICS_TOKEN bearer token.',
      );
    }
    const { contentType, text } = await this.metrics.scrape();
    void reply.header('content-type', contentType).header('cache-control', 'no-store');
    return text;
  }
}
