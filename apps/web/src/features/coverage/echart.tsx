import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { type ComposeOption, init, use as registerCharts } from 'echarts/core';
import type { BarSeriesOption, LineSeriesOption } from 'echarts/charts';
import type {
  GridComponentOption,
  MarkLineComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only what the dashboards draw: bars, lines, a grid, tooltips and the target line, drawn as SVG (sharp on
// any screen, light on a cheap phone). The whole of it is in the coverage page's chunk, never the learner's shell.
registerCharts([BarChart, LineChart, GridComponent, TooltipComponent, MarkLineComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | GridComponentOption | TooltipComponentOption | MarkLineComponentOption
>;

const reducedMotion = () =>
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

interface EChartProps {
  option: ChartOption;
  /** What the chart shows, in one sentence: read by screen readers (the table after it has the figures). */
  label: string;
  height?: number;
}

/**
 * An ECharts chart as a picture with a one-sentence description. It is never the only way to read the figures:
 * each chart on the dashboards is followed by a table with the same data, which keyboards and screen readers use.
 */
export function EChart({ option, label, height = 280 }: EChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return undefined;
    const chart = init(element, undefined, { renderer: 'svg' });
    chart.setOption({ animation: !reducedMotion(), ...option });
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option]);
  return (
    <figure className="coverage-chart">
      <div ref={host} className="coverage-chart__canvas" role="img" aria-label={label} style={{ height }} />
    </figure>
  );
}
