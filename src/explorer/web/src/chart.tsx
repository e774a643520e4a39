/** uPlot in a Preact component: one chart, resized with its container. */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 4 });

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  color: string;
  /** Bars instead of a line. */
  bars?: boolean;
  fill?: boolean;
}

export function Chart({ xs, series, height = 220, yLabel, testId, timeAxis = true }: { xs: number[]; series: ChartSeries[]; height?: number; yLabel?: string; testId?: string; timeAxis?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      scales: { x: { time: timeAxis } },
      axes: [
        { stroke: '#8892a6', grid: { stroke: '#eef1f6' } },
        { stroke: '#8892a6', grid: { stroke: '#eef1f6' }, label: yLabel, size: 64, values: (_u, vals) => vals.map((v) => (v == null ? '' : compact.format(v))) },
      ],
      legend: { live: true },
      series: [
        { label: timeAxis ? 'time' : 'height' },
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          fill: s.fill || s.bars ? s.color + '33' : undefined,
          paths: s.bars ? uPlot.paths.bars!({ size: [0.8, 40] }) : undefined,
          points: { show: xs.length < 60 },
        })),
      ],
    };
    plot.current?.destroy();
    plot.current = new uPlot(opts, [xs, ...series.map((s) => s.values)] as uPlot.AlignedData, el);
    const ro = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(200, el.clientWidth), height }));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [xs, series, height, yLabel, timeAxis]);

  return <div class="chart" ref={box} data-testid={testId} data-points={xs.length} />;
}
