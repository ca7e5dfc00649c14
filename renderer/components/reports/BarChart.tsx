import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface BarSeries {
  label: string;
  /** One value per category; null where there is none (no order reached ready). */
  values: (number | null)[];
  color: string;
  /** Bars (default) or points over them (a second figure of the same category, such as p90). */
  style?: 'bars' | 'points';
}

export interface BarChartProps {
  /** What the x axis names: hours, stations. */
  categories: string[];
  series: BarSeries[];
  /** The y axis' title (minutes). */
  unit: string;
  /** How a y value is written on the axis (the board's language). */
  formatValue: (value: number) => string;
  testId: string;
  height?: number;
}

const AXIS = { stroke: '#a9b6c2', grid: { stroke: '#33414e', width: 1 }, ticks: { stroke: '#33414e', width: 1 } };

/**
 * A bar chart drawn by uPlot (a maintained, 50 KB canvas charting library): categories on x (one
 * per index), bars or points on y. It follows its box's width, and is rebuilt when its data
 * changes (a report is a handful of points: rebuilding costs nothing next to the request).
 */
export function BarChart({ categories, series, unit, formatValue, testId, height = 240 }: BarChartProps) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const bars = uPlot.paths.bars?.({ size: [0.6, 48] });
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 200),
      height,
      legend: { show: series.length > 1, live: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [-0.5, categories.length - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] } },
      axes: [
        { ...AXIS, grid: { show: false }, splits: () => categories.map((_category, index) => index), values: (_u, splits) => splits.map((split) => categories[split] ?? '') },
        { ...AXIS, label: unit, values: (_u, splits) => splits.map(formatValue), size: 56 },
      ],
      series: [
        {},
        ...series.map((entry) =>
          entry.style === 'points'
            ? { label: entry.label, stroke: entry.color, width: 0, points: { show: true, size: 9, fill: entry.color, stroke: entry.color }, paths: () => null }
            : { label: entry.label, stroke: entry.color, fill: `${entry.color}cc`, width: 0, ...(bars ? { paths: bars } : {}), points: { show: false } },
        ),
      ],
    };
    const data: uPlot.AlignedData = [categories.map((_category, index) => index), ...series.map((entry) => entry.values)];
    const chart = new uPlot(options, data, element);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 200), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [categories, series, unit, formatValue, height]);

  return <div className="report-chart" ref={box} data-testid={testId} data-points={series.map((entry) => entry.values.join(',')).join('|')} />;
}
