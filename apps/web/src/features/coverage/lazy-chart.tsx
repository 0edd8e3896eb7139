import { lazy, Suspense } from 'react';
import type { ChartOption } from './echart';

const EChart = lazy(async () => ({ default: (await import('./echart')).EChart }));

interface ChartProps {
  option: ChartOption;
  label: string;
  height?: number;
}

/**
 * A chart whose library (ECharts, about 150 kB compressed) downloads after the figures: the indicator cards and
 * tables show at once on a slow connection, and the picture follows. Until then the space is kept empty, so the
 * page does not jump.
 */
export function Chart({ height = 280, ...props }: ChartProps) {
  return (
    <Suspense
      fallback={<div className="coverage-chart__placeholder" style={{ height }} aria-hidden="true" />}
    >
      <EChart height={height} {...props} />
    </Suspense>
  );
}
